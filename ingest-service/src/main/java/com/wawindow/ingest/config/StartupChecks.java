package com.wawindow.ingest.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Refuses to start a service that would accept forged webhooks: a prod instance without an auth token, or one
 * with signature validation switched off. Failing at start-up is loud; 403 on every genuine webhook is not.
 */
@Singleton
public class StartupChecks {

    void verify(@Observes StartupEvent event, IngestConfig ingest, TwilioConfig twilio) {
        check(ingest.signatureValidation(), twilio.authToken().filter(t -> !t.isBlank()).isPresent(),
                ConfigUtils.getProfiles());
    }

    static void check(boolean signatureValidation, boolean hasAuthToken, List<String> profiles) {
        boolean devOrTest = profiles.contains("dev") || profiles.contains("test");
        if (!signatureValidation && !devOrTest) {
            throw new IllegalStateException("INGEST_SIGNATURE_VALIDATION=false is only allowed in the dev and test "
                    + "profiles (active: " + profiles + "): without it anybody can post forged webhooks.");
        }
        if (signatureValidation && !hasAuthToken) {
            throw new IllegalStateException("TWILIO_AUTH_TOKEN is not set: ingest-service needs the Twilio auth token "
                    + "to verify X-Twilio-Signature on every webhook. Set TWILIO_AUTH_TOKEN (and "
                    + "TWILIO_AUTH_TOKEN_SECONDARY while rotating it).");
        }
    }
}
