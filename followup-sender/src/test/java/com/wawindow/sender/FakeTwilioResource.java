package com.wawindow.sender;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A WireMock on 127.0.0.1 standing in for Twilio's Messaging and Content APIs and for window-tracker's API.
 * Tests reach it through its admin API ({@link FakeTwilio}), so they need no reference to this server object.
 */
public class FakeTwilioResource implements QuarkusTestResourceLifecycleManager {

    public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    public static final String AUTH_TOKEN = "test-auth-token";
    public static final String FROM = "whatsapp:+14155238886";
    public static final String CONTENT_SID = "HXb5b62575e6e4ff6129ad7c8efe1f983e";
    public static final String STATUS_CALLBACK = "http://127.0.0.1:8081/webhooks/twilio/status";
    /** The key the sender must present to window-tracker (here: to the fake under /tracker). */
    public static final String TRACKER_API_KEY = "test-tracker-key";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().templatingEnabled(true).globalTemplating(false)
                .containerThreads(64).jettyAcceptors(2)
                .extensions(FakeTwilioMessages.create(), FakeTwilioMessages.list()));
        server.start();
        String base = "http://127.0.0.1:" + server.port();
        return Map.ofEntries(
                Map.entry("twilio.account-sid", ACCOUNT_SID),
                Map.entry("twilio.auth-token", AUTH_TOKEN),
                Map.entry("twilio.api-base-url", base),
                Map.entry("twilio.content-base-url", base),
                Map.entry("twilio.whatsapp-from", FROM),
                Map.entry("twilio.status-callback-url", STATUS_CALLBACK),
                Map.entry("followup.content-sid", CONTENT_SID),
                Map.entry("window-tracker.url", base + "/tracker"),
                Map.entry("window-tracker.api-key", TRACKER_API_KEY));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
