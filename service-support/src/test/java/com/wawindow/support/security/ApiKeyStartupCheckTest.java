package com.wawindow.support.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.LaunchMode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeyStartupCheckTest {

    private static ApiKeyConfig config(List<String> admin, List<String> viewer, boolean required) {
        return new ApiKeyConfig() {
            @Override
            public Optional<List<String>> adminKeys() {
                return Optional.ofNullable(admin);
            }

            @Override
            public Optional<List<String>> viewerKeys() {
                return Optional.ofNullable(viewer);
            }

            @Override
            public boolean requireKeys() {
                return required;
            }

            @Override
            public boolean enabled() {
                return true;
            }
        };
    }

    @Test
    void aProductionStartWithoutAnyKeyIsRefusedNamingTheVariable() {
        Optional<String> refusal = ApiKeyStartupCheck.refusal(config(null, null, true), LaunchMode.NORMAL);
        assertTrue(refusal.orElseThrow().contains("API_ADMIN_KEYS"), refusal.get());
        assertTrue(ApiKeyStartupCheck.refusal(config(List.of(" "), List.of(""), true), LaunchMode.NORMAL).isPresent(),
                "blank entries are no keys");
    }

    @Test
    void anyKeyOrAServiceWithoutProtectedEndpointsOrATestRunStarts() {
        assertEquals(Optional.empty(), ApiKeyStartupCheck.refusal(config(List.of("a"), null, true), LaunchMode.NORMAL));
        assertEquals(Optional.empty(), ApiKeyStartupCheck.refusal(config(null, List.of("v"), true), LaunchMode.NORMAL));
        assertEquals(Optional.empty(), ApiKeyStartupCheck.refusal(config(null, null, false), LaunchMode.NORMAL));
        assertEquals(Optional.empty(), ApiKeyStartupCheck.refusal(config(null, null, true), LaunchMode.TEST));
    }
}
