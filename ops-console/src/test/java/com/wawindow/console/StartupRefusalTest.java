package com.wawindow.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.console.service.StartupChecks;
import com.wawindow.console.service.UserService;
import io.quarkus.runtime.LaunchMode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A production start refuses, with the variable to set, when it could not create the first admin or has no key. */
class StartupRefusalTest {

    @Test
    void noAdminAndNoPasswordRefusesAProductionStart() {
        String message = UserService.refusal(false, Optional.empty(), LaunchMode.NORMAL).orElseThrow();
        assertTrue(message.contains("CONSOLE_ADMIN_PASSWORD"), message);
        assertEquals(Optional.empty(), UserService.refusal(false, Optional.of("a-long-password"), LaunchMode.NORMAL));
        assertEquals(Optional.empty(), UserService.refusal(true, Optional.empty(), LaunchMode.NORMAL));
        assertEquals(Optional.empty(), UserService.refusal(false, Optional.empty(), LaunchMode.TEST));
    }

    @Test
    void noApiKeyRefusesAProductionStart() {
        String message = StartupChecks.apiKeyRefusal(Optional.empty(), LaunchMode.NORMAL).orElseThrow();
        assertTrue(message.contains("CONSOLE_API_KEY"), message);
        assertTrue(StartupChecks.apiKeyRefusal(Optional.of(" "), LaunchMode.NORMAL).isPresent());
        assertEquals(Optional.empty(), StartupChecks.apiKeyRefusal(Optional.of("k"), LaunchMode.NORMAL));
    }

    @Test
    void noSessionKeyRefusesAProductionStart() {
        String message = StartupChecks.sessionKeyRefusal(Optional.empty(), LaunchMode.NORMAL).orElseThrow();
        assertTrue(message.contains("CONSOLE_SESSION_KEY"), message);
        assertTrue(StartupChecks.sessionKeyRefusal(Optional.of("short"), LaunchMode.NORMAL).isPresent());
        assertEquals(Optional.empty(), StartupChecks.sessionKeyRefusal(Optional.of("0123456789abcdef"), LaunchMode.NORMAL));
    }
}
