package com.wawindow.ingest.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StartupChecksTest {

    @Test
    void prodNeedsTheAuthToken() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> StartupChecks.check(true, false, List.of("prod")));
        assertTrue(failure.getMessage().contains("TWILIO_AUTH_TOKEN is not set"), failure.getMessage());
        assertDoesNotThrow(() -> StartupChecks.check(true, true, List.of("prod")));
    }

    @Test
    void validationCanOnlyBeSwitchedOffInDevOrTest() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> StartupChecks.check(false, true, List.of("prod")));
        assertTrue(failure.getMessage().contains("INGEST_SIGNATURE_VALIDATION=false"), failure.getMessage());
        assertThrows(IllegalStateException.class, () -> StartupChecks.check(false, false, List.of("staging")));
        assertDoesNotThrow(() -> StartupChecks.check(false, false, List.of("dev")));
        assertDoesNotThrow(() -> StartupChecks.check(false, false, List.of("test")));
    }
}
