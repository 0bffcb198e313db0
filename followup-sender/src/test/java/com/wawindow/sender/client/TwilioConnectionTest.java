package com.wawindow.sender.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.sender.config.TwilioConfig;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TwilioConnectionTest {

    @Test
    void withoutBothCredentialsTheSenderRunsDry() {
        assertTrue(new TwilioConnection(config(Optional.empty(), Optional.empty())).dryRun());
        assertTrue(new TwilioConnection(config(Optional.of("AC1"), Optional.of(" "))).dryRun());
        assertTrue(new TwilioConnection(config(Optional.empty(), Optional.of("token"))).dryRun());
    }

    @Test
    void withCredentialsItSends() {
        TwilioConnection connection = new TwilioConnection(config(Optional.of("AC00000000000000000000000000000001"),
                Optional.of("token")));
        assertFalse(connection.dryRun());
        assertTrue(connection.client().orElseThrow().getHttpClient() instanceof RebasingHttpClient);
    }

    private static TwilioConfig config(Optional<String> accountSid, Optional<String> authToken) {
        return new TwilioConfig() {
            public Optional<String> accountSid() {
                return accountSid;
            }

            public Optional<String> authToken() {
                return authToken;
            }

            public String apiBaseUrl() {
                return "http://127.0.0.1:1";
            }

            public String contentBaseUrl() {
                return "http://127.0.0.1:1";
            }

            public Optional<String> whatsappFrom() {
                return Optional.empty();
            }

            public Optional<String> messagingServiceSid() {
                return Optional.empty();
            }

            public Optional<String> statusCallbackUrl() {
                return Optional.empty();
            }
        };
    }
}
