package com.wawindow.ingest.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses to start a service that would accept forged webhooks: a prod instance without an auth token, with a
 * token anybody can read in this repository, or with signature validation switched off. Failing at start-up is
 * loud; 403 on every genuine webhook, or 200 on every forged one, is not.
 */
@Singleton
public class StartupChecks {

    /**
     * Every webhook token this repository has shipped (examples, defaults, tests): known to anybody who can read
     * it, so never a production secret. {@code ShippedTokensTest} fails when the repository gains one not listed.
     */
    static final Set<String> SHIPPED_TOKENS = Set.of(
            "local-dev-webhook-token", // the compose file's and run-local.sh's former default
            "12345", // Twilio's published signature example, ingest's test token
            "secondary-token-0123456789", // ingest's test secondary token
            "test-auth-token", // the sender's tests
            "e2e-webhook-auth-token", "e2e-sender-auth-token"); // the system tests' former tokens

    void verify(@Observes StartupEvent event, IngestConfig ingest, TwilioConfig twilio) {
        check(ingest.signatureValidation(), twilio.authToken(), twilio.authTokenSecondary(), ConfigUtils.getProfiles());
    }

    static void check(boolean signatureValidation, Optional<String> authToken, Optional<String> secondaryToken,
            List<String> profiles) {
        boolean devOrTest = profiles.contains("dev") || profiles.contains("test");
        if (!signatureValidation && !devOrTest) {
            throw new IllegalStateException("INGEST_SIGNATURE_VALIDATION=false is only allowed in the dev and test "
                    + "profiles (active: " + profiles + "): without it anybody can post forged webhooks.");
        }
        if (signatureValidation && authToken.filter(t -> !t.isBlank()).isEmpty()) {
            throw new IllegalStateException("TWILIO_AUTH_TOKEN is not set: ingest-service needs the Twilio auth token "
                    + "to verify X-Twilio-Signature on every webhook. Set TWILIO_AUTH_TOKEN (and "
                    + "TWILIO_AUTH_TOKEN_SECONDARY while rotating it).");
        }
        if (!devOrTest) {
            refuseShipped("TWILIO_AUTH_TOKEN", authToken);
            refuseShipped("TWILIO_AUTH_TOKEN_SECONDARY", secondaryToken);
        }
    }

    private static void refuseShipped(String variable, Optional<String> token) {
        if (token.map(String::trim).filter(SHIPPED_TOKENS::contains).isPresent()) {
            throw new IllegalStateException(variable + " is a value published in this project's repository (an "
                    + "example or test token), so anybody could sign forged webhooks with it. Set " + variable
                    + " to your Twilio account's auth token (./run-local.sh generates a random one into "
                    + ".local/secrets.env).");
        }
    }
}
