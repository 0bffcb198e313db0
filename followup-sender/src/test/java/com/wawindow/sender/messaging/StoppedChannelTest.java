package com.wawindow.sender.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesRegex;

import com.wawindow.events.ConsentChange;
import com.wawindow.events.Topics;
import com.wawindow.infra.OwnDatabase;
import com.wawindow.sender.OwnDatabaseResource;
import com.wawindow.sender.SenderKafka;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A channel that fails for good is visible: with the unacknowledged-record watchdog of inbound-messages shortened to
 * 3 s, a database outage outlasts it, the connector closes that consumer, and liveness and readiness go DOWN (so an
 * orchestrator restarts the instance) and stay DOWN after the database is back, with {@code sender_channels_stopped} 1.
 */
@QuarkusTest
@TestProfile(StoppedChannelTest.ShortWatchdog.class)
class StoppedChannelTest extends SenderTestBase {

    @Test
    void aChannelThatStoppedForGoodMakesLivenessAndReadinessDown() throws Exception {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().body(matchesRegex("(?s).*\\nsender_channels_stopped(\\{[^}]*\\})? 0\\.0\\n.*"));
        OwnDatabase.stop(OwnDatabaseResource.NAME);
        try {
            SenderKafka.publish(Topics.INBOUND_MESSAGES,
                    TestEvents.inbound(TestEvents.newContactId(), "Halo", ConsentChange.NONE, Instant.now()));
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> given().get("/q/health/live").then().statusCode(503));
        } finally {
            OwnDatabase.start(OwnDatabaseResource.NAME);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                .body(containsString("stopped messaging channels")));
        given().get("/q/health/live").then().statusCode(503).body(containsString("inbound-messages"));
        given().get("/q/metrics").then().body(matchesRegex("(?s).*\\nsender_channels_stopped(\\{[^}]*\\})? 1\\.0\\n.*"));
        System.out.println("stopped channel: " + given().get("/q/health/live").asString());
    }

    /** The database-outage profile with the inbound watchdog at 3 s instead of 10 min, in a consumer group of its own. */
    public static class ShortWatchdog extends OwnDatabaseResource.Profile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("mp.messaging.incoming.inbound-messages.throttled.unprocessed-record-max-age.ms", "3000");
            overrides.put("mp.messaging.incoming.inbound-messages.group.id", "followup-sender-stopped-channel");
            return overrides;
        }
    }
}
