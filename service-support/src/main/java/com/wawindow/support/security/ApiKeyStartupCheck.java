package com.wawindow.support.security;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;

/** A production start with no API key at all would leave every protected endpoint unusable or, worse, open: refuse. */
@ApplicationScoped
@IfBuildProperty(name = "api.enabled", stringValue = "true", enableIfMissing = true)
public class ApiKeyStartupCheck {

    private final ApiKeyConfig config;

    public ApiKeyStartupCheck(ApiKeyConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        refusal(config, LaunchMode.current()).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
    }

    /** Why this configuration may not start in this mode, if it may not. */
    public static Optional<String> refusal(ApiKeyConfig config, LaunchMode mode) {
        if (mode != LaunchMode.NORMAL || !config.requireKeys() || !ApiKeys.of(config).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("No API key is configured: set API_ADMIN_KEYS (and API_VIEWER_KEYS for read-only "
                + "clients), comma-separated, so that the API is not left without access control");
    }
}
