package com.wawindow.ingest.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The Twilio account secrets ingest-service needs: only the auth token, to check webhook signatures. */
@ConfigMapping(prefix = "twilio")
public interface TwilioConfig {

    /** TWILIO_AUTH_TOKEN: the key Twilio signs every webhook with. Required in prod. */
    Optional<String> authToken();

    /** TWILIO_AUTH_TOKEN_SECONDARY: also accepted while the auth token is being rotated. */
    Optional<String> authTokenSecondary();
}
