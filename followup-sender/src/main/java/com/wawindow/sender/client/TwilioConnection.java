package com.wawindow.sender.client;

import com.twilio.http.TwilioRestClient;
import com.wawindow.sender.config.FollowupConfig;
import com.wawindow.sender.config.TwilioConfig;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * The one SDK client, talking to the configured Messaging and Content hosts (real Twilio or a local fake).
 * Empty without credentials or with FOLLOWUP_DRY_RUN=true: the sender then runs dry.
 */
@Singleton
public class TwilioConnection {

    private final Optional<TwilioRestClient> client;

    public TwilioConnection(TwilioConfig config, FollowupConfig followup) {
        Optional<String> accountSid = config.accountSid().filter(s -> !s.isBlank());
        Optional<String> authToken = config.authToken().filter(s -> !s.isBlank());
        if (followup.dryRun() || accountSid.isEmpty() || authToken.isEmpty()) {
            client = Optional.empty();
            return;
        }
        RebasingHttpClient rebasingClient = new RebasingHttpClient(Map.of(
                "api.twilio.com", URI.create(config.apiBaseUrl()),
                "content.twilio.com", URI.create(config.contentBaseUrl())), config.readTimeout());
        client = Optional.of(new TwilioRestClient.Builder(accountSid.get(), authToken.get())
                .httpClient(rebasingClient)
                .build());
    }

    public Optional<TwilioRestClient> client() {
        return client;
    }

    public boolean dryRun() {
        return client.isEmpty();
    }
}
