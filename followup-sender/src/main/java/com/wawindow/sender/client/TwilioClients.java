package com.wawindow.sender.client;

import com.twilio.http.TwilioRestClient;
import com.wawindow.sender.config.TwilioConfig;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** Builds the SDK client that talks to the configured API and Content hosts (real Twilio or a local fake). */
final class TwilioClients {

    private TwilioClients() {
    }

    /** @return empty without credentials: the sender then runs dry */
    static Optional<TwilioRestClient> restClient(TwilioConfig config) {
        Optional<String> accountSid = config.accountSid().filter(s -> !s.isBlank());
        Optional<String> authToken = config.authToken().filter(s -> !s.isBlank());
        if (accountSid.isEmpty() || authToken.isEmpty()) {
            return Optional.empty();
        }
        RebasingHttpClient rebasingClient = new RebasingHttpClient(Map.of(
                "api.twilio.com", URI.create(config.apiBaseUrl()),
                "content.twilio.com", URI.create(config.contentBaseUrl())));
        return Optional.of(new TwilioRestClient.Builder(accountSid.get(), authToken.get())
                .httpClient(rebasingClient)
                .build());
    }
}
