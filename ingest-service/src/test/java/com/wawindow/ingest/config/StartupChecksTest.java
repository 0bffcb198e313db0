package com.wawindow.ingest.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartupChecksTest {

    private static final Optional<String> TOKEN = Optional.of("f3a1c0ffee0123456789abcdef012345");
    private static final Optional<String> NONE = Optional.empty();

    @Test
    void prodNeedsTheAuthToken() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> StartupChecks.check(true, NONE, NONE, List.of("prod")));
        assertTrue(failure.getMessage().contains("TWILIO_AUTH_TOKEN is not set"), failure.getMessage());
        assertThrows(IllegalStateException.class, () -> StartupChecks.check(true, Optional.of(" "), NONE, List.of("prod")));
        assertDoesNotThrow(() -> StartupChecks.check(true, TOKEN, NONE, List.of("prod")));
    }

    @Test
    void validationCanOnlyBeSwitchedOffInDevOrTest() {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> StartupChecks.check(false, TOKEN, NONE, List.of("prod")));
        assertTrue(failure.getMessage().contains("INGEST_SIGNATURE_VALIDATION=false"), failure.getMessage());
        assertThrows(IllegalStateException.class, () -> StartupChecks.check(false, NONE, NONE, List.of("staging")));
        assertDoesNotThrow(() -> StartupChecks.check(false, NONE, NONE, List.of("dev")));
        assertDoesNotThrow(() -> StartupChecks.check(false, NONE, NONE, List.of("test")));
    }

    @Test
    void prodRefusesEveryTokenShippedInTheRepository() {
        for (String shipped : StartupChecks.SHIPPED_TOKENS) {
            IllegalStateException primary = assertThrows(IllegalStateException.class,
                    () -> StartupChecks.check(true, Optional.of(shipped), NONE, List.of("prod")), shipped);
            assertTrue(primary.getMessage().startsWith("TWILIO_AUTH_TOKEN is a value published in this project's "
                    + "repository"), primary.getMessage());
            assertFalse(primary.getMessage().contains(shipped), "the message names the variable, not the value");

            IllegalStateException secondary = assertThrows(IllegalStateException.class,
                    () -> StartupChecks.check(true, TOKEN, Optional.of(" " + shipped + " "), List.of("prod")), shipped);
            assertTrue(secondary.getMessage().startsWith("TWILIO_AUTH_TOKEN_SECONDARY is a value published"),
                    secondary.getMessage());
        }
    }

    @Test
    void shippedTokensAreFineInDevAndTest() {
        assertDoesNotThrow(() -> StartupChecks.check(true, Optional.of("12345"), Optional.of("secondary-token-0123456789"),
                List.of("test")));
        assertDoesNotThrow(() -> StartupChecks.check(true, Optional.of("local-dev-webhook-token"), NONE, List.of("dev")));
    }
}
