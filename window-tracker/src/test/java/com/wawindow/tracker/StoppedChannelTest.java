package com.wawindow.tracker;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesRegex;

import com.wawindow.events.Topics;
import com.wawindow.events.serde.EventSerializer;
import com.wawindow.infra.OwnDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A channel that fails for good is visible: with the unacknowledged-record watchdog shortened to 3 s, a database outage
 * outlasts it, the connector closes the inbound consumer, and liveness and readiness go DOWN (so an orchestrator
 * restarts the instance) and stay DOWN after the database is back, with {@code tracker_channels_stopped} at 1.
 */
@QuarkusTest
@TestProfile(StoppedChannelTest.ShortWatchdog.class)
class StoppedChannelTest {

    @Test
    void aChannelThatStoppedForGoodMakesLivenessAndReadinessDown() throws Exception {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().body(matchesRegex("(?s).*\\ntracker_channels_stopped(\\{[^}]*\\})? 0\\.0\\n.*"));
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        String contact = TrackerKafka.newContactId();
        OwnDatabase.stop(OwnDatabaseProfile.NAME);
        try {
            try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new EventSerializer<>())) {
                producer.send(new ProducerRecord<>(Topics.INBOUND_MESSAGES, contact, TrackerKafka.inbound(contact,
                        TrackerKafka.newMessageSid(), java.time.Instant.now()))).get(30, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> given().get("/q/health/live").then().statusCode(503));
        } finally {
            OwnDatabase.start(OwnDatabaseProfile.NAME);
        }
        // the database is back, the channel is not: only a restart helps, and health says so
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                .body(containsString("stopped messaging channels")));
        given().get("/q/health/live").then().statusCode(503).body(containsString("inbound-messages"));
        given().get("/q/metrics").then().body(matchesRegex("(?s).*\\ntracker_channels_stopped(\\{[^}]*\\})? 1\\.0\\n.*"));
        System.out.println("stopped channel: " + given().get("/q/health/live").asString());
    }

    /** The database-outage profile with the watchdog at 3 s instead of 10 min, and a consumer group of its own. */
    public static class ShortWatchdog extends OwnDatabaseProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("mp.messaging.incoming.inbound-messages.throttled.unprocessed-record-max-age.ms", "3000");
            overrides.put("mp.messaging.incoming.inbound-messages.group.id", "window-tracker-stopped-channel");
            return overrides;
        }
    }
}
