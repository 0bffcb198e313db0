package com.wawindow.sender.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.ConsentChange;
import com.wawindow.events.EventIds;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpired;
import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.SenderKafka;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The faults the sender's consumers meet every week, on the real broker and database, counted at the fake Twilio:
 * poison records, a Twilio retry of a webhook published twice, a replayed old START, a stale window-expired, and a
 * dead-letter topic re-driven (twice) after the cause was fixed.
 */
@QuarkusTest
class ConsumerFaultsTest extends SenderTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String INBOUND_GROUP = "followup-sender-inbound";
    private static final String STATUS_GROUP = "followup-sender-status";

    @BeforeEach
    void twilioAcceptsByDefault() {
        FakeTwilio.acceptAll();
    }

    @Test
    void aPoisonRecordGoesToItsDeadLetterTopicWithTheReasonAndConsumptionGoesOn() {
        String poisonKey = "poison-" + UUID.randomUUID();
        java.util.Map<String, Double> countedBefore = new java.util.HashMap<>();
        for (String topic : List.of(Topics.WINDOW_EXPIRED, Topics.INBOUND_MESSAGES, Topics.MESSAGE_STATUS)) {
            countedBefore.put(topic, deadLettersCounted(topic));
        }
        for (String topic : List.of(Topics.WINDOW_EXPIRED, Topics.INBOUND_MESSAGES, Topics.MESSAGE_STATUS)) {
            SenderKafka.publishRaw(topic, poisonKey, "{not json at all");
        }
        SenderKafka.publishRaw(Topics.WINDOW_EXPIRED, poisonKey, "{\"contactId\":\"+6281100000000\"}"); // decodes, invalid
        // valid traffic after the poison, on every topic
        List<String> closed = List.of(TestEvents.newContactId(), TestEvents.newContactId(), TestEvents.newContactId());
        String stopper = TestEvents.newContactId();
        RecordMetadata stop = SenderKafka.publish(Topics.INBOUND_MESSAGES,
                TestEvents.inbound(stopper, "STOP", ConsentChange.OPT_OUT, Instant.now()));
        RecordMetadata status = SenderKafka.publish(Topics.MESSAGE_STATUS,
                TestEvents.status(stopper, "SM" + UUID.randomUUID().toString().replace("-", ""), "delivered", null));
        SenderKafka.awaitCommitted(INBOUND_GROUP, stop, WAIT);
        SenderKafka.awaitCommitted(STATUS_GROUP, status, WAIT);
        closed.forEach(contact -> SenderKafka.publish(Topics.WINDOW_EXPIRED, TestEvents.windowExpired(contact, "Budi")));
        SenderKafka.publish(Topics.WINDOW_EXPIRED, TestEvents.windowExpired(stopper, "Budi"));

        await().atMost(WAIT).untilAsserted(() -> closed.forEach(contact ->
                assertEquals(1, FakeTwilio.requestsTo("whatsapp:" + contact).size(), "one follow-up to " + contact)));
        await().atMost(WAIT).untilAsserted(() -> given().get("/followups?contactId={id}", stopper).then().statusCode(200)
                .body("reason", hasItem("contact opted out")));
        assertEquals(0, FakeTwilio.requestsTo("whatsapp:" + stopper).size(), "the STOP after the poison was applied");

        int deadLetters = 0;
        for (String topic : List.of(Topics.WINDOW_EXPIRED, Topics.INBOUND_MESSAGES, Topics.MESSAGE_STATUS)) {
            List<ConsumerRecord<String, byte[]>> dead = SenderKafka.records(Topics.deadLetterOf(topic), poisonKey);
            assertEquals(topic.equals(Topics.WINDOW_EXPIRED) ? 2 : 1, dead.size(), "the poison of " + topic + " in its DLQ");
            for (ConsumerRecord<String, byte[]> record : dead) {
                String reason = SenderKafka.header(record, "dead-letter-reason");
                assertNotNull(reason, "a dead letter says why");
                assertEquals(topic, SenderKafka.header(record, "dead-letter-topic"));
                System.out.printf("dead letter of %s: %s%n", topic, reason);
                deadLetters++;
            }
        }
        assertEquals(4, deadLetters);
        for (String topic : List.of(Topics.WINDOW_EXPIRED, Topics.INBOUND_MESSAGES, Topics.MESSAGE_STATUS)) {
            double counted = deadLettersCounted(topic) - countedBefore.get(topic);
            assertTrue(counted >= (topic.equals(Topics.WINDOW_EXPIRED) ? 2 : 1),
                    "sender_dead_letters_total counts the dead letters of " + topic + ": " + counted);
        }
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** {@code sender_dead_letters_total} of {@code topic}'s DLQ on /q/metrics (registered at start, so always there). */
    private static double deadLettersCounted(String topic) {
        String page = given().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("(?m)^sender_dead_letters_total\\{[^}]*topic=\""
                + java.util.regex.Pattern.quote(Topics.deadLetterOf(topic)) + "\"[^}]*} ([0-9.eE+-]+)$").matcher(page);
        assertTrue(line.find(), "sender_dead_letters_total of " + topic + " on /q/metrics");
        return Double.parseDouble(line.group(1));
    }

    /**
     * The defect behind "8 contacts never got a follow-up": ingest answered 503 to a webhook whose first attempt still
     * reached the broker, Twilio's retry was accepted too, so the same MessageSid arrived twice with two receivedAt
     * values. The tracker keeps the first and closes that window; the sender took the retry's later receivedAt for a
     * reply after the window opened and skipped the follow-up ("contact replied after the window opened").
     */
    @Test
    void aTwilioRetryOfTheOpeningMessageIsNoReply() {
        String contact = TestEvents.newContactId();
        Instant expiredAt = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MICROS);
        Instant openedAt = expiredAt.minus(Duration.ofHours(24));
        InboundMessageReceived first = TestEvents.inbound(contact, "Halo", ConsentChange.NONE, openedAt);
        InboundMessageReceived retry = withReceivedAt(first, openedAt.plusSeconds(6));
        SenderKafka.publish(Topics.INBOUND_MESSAGES, first);
        SenderKafka.awaitCommitted(INBOUND_GROUP, SenderKafka.publish(Topics.INBOUND_MESSAGES, retry), WAIT);

        SenderKafka.publish(Topics.WINDOW_EXPIRED, new WindowExpired(EventIds.windowExpired(contact, first.messageSid()),
                WindowExpired.CURRENT_VERSION, contact, "whatsapp:" + contact, "whatsapp:+14155238886", "Budi", openedAt,
                expiredAt, first.messageSid(), false, false));
        await().atMost(WAIT).until(() -> FakeTwilio.requestsTo("whatsapp:" + contact).size() == 1);
        given().get("/followups?contactId={id}", contact).then().statusCode(200).body("decision", hasItem("SENT"));
    }

    @Test
    void aReplayedOldStartNeverUndoesALaterStop() {
        String contact = TestEvents.newContactId();
        Instant now = Instant.now();
        InboundMessageReceived start = TestEvents.inbound(contact, "START", ConsentChange.OPT_IN, now.minusSeconds(60));
        InboundMessageReceived stop = TestEvents.inbound(contact, "STOP", ConsentChange.OPT_OUT, now.minusSeconds(30));
        SenderKafka.publish(Topics.INBOUND_MESSAGES, start);
        SenderKafka.publish(Topics.INBOUND_MESSAGES, stop);
        SenderKafka.publish(Topics.INBOUND_MESSAGES, start); // a replay, as it was
        // Twilio's retry of the START, accepted by ingest after the STOP: same MessageSid, a later receivedAt
        RecordMetadata last = SenderKafka.publish(Topics.INBOUND_MESSAGES, withReceivedAt(start, now));
        SenderKafka.awaitCommitted(INBOUND_GROUP, last, WAIT);
        given().get("/contacts/{id}", contact).then().statusCode(200).body("optedOut", equalTo(true));

        SenderKafka.publish(Topics.WINDOW_EXPIRED, TestEvents.windowExpired(contact, "Budi"));
        await().atMost(WAIT).untilAsserted(() -> given().get("/followups?contactId={id}", contact).then()
                .body("reason", hasItem("contact opted out")));
        assertEquals(0, FakeTwilio.requestsTo("whatsapp:" + contact).size());
    }

    @Test
    void aStaleWindowExpiredIsRecordedAsSkippedNotSent() {
        String stale = TestEvents.newContactId();
        String fresh = TestEvents.newContactId();
        SenderKafka.publish(Topics.WINDOW_EXPIRED, closedAgo(stale, Duration.ofHours(13)));
        SenderKafka.publish(Topics.WINDOW_EXPIRED, closedAgo(fresh, Duration.ofHours(11)));
        await().atMost(WAIT).until(() -> FakeTwilio.requestsTo("whatsapp:" + fresh).size() == 1);
        await().atMost(WAIT).untilAsserted(() -> given().get("/followups?contactId={id}", stale).then().statusCode(200)
                .body("decision[0]", equalTo("SKIPPED")).body("reason[0]", startsWith("stale: ")));
        assertEquals(0, FakeTwilio.requestsTo("whatsapp:" + stale).size(), "no follow-up for a window closed 13 h ago");
    }

    @Test
    void aDeadLetterReDrivenTwiceIsProcessedOnce() {
        // a window-expired that reached the DLQ while its cause was unfixed, twice (a redelivery dead-lettered again)
        String contact = TestEvents.newContactId();
        WindowExpired event = TestEvents.windowExpired(contact, "Budi");
        SenderKafka.publish(Topics.WINDOW_EXPIRED_DLQ, event);
        SenderKafka.publish(Topics.WINDOW_EXPIRED_DLQ, event);

        int first = given().post("/admin/dlq/{topic}/redrive", Topics.WINDOW_EXPIRED).then().statusCode(200)
                .body("deadLetterTopic", equalTo(Topics.WINDOW_EXPIRED_DLQ)).extract().jsonPath().getInt("redriven");
        assertTrue(first >= 2, "both copies re-driven: " + first);
        await().atMost(WAIT).until(() -> FakeTwilio.requestsTo("whatsapp:" + contact).size() == 1);
        // again: the copies are not re-driven twice (a poison record of another test may come back, it is still poison)
        given().post("/admin/dlq/{topic}/redrive", Topics.WINDOW_EXPIRED).then().statusCode(200);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        assertEquals(1, FakeTwilio.requestsTo("whatsapp:" + contact).size(), "re-driven twice, sent once");

        given().post("/admin/dlq/{topic}/redrive", "no-such-topic").then().statusCode(404)
                .contentType("application/problem+json").body("type", equalTo("https://wawindow.dev/problems/unknown-topic"));
        given().post("/admin/dlq/{topic}/redrive", Topics.WINDOW_EXPIRED_DLQ).then().statusCode(404);
    }

    private static WindowExpired closedAgo(String contact, Duration ago) {
        Instant expiredAt = Instant.now().minus(ago);
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        return new WindowExpired(EventIds.windowExpired(contact, sid), WindowExpired.CURRENT_VERSION, contact,
                "whatsapp:" + contact, "whatsapp:+14155238886", "Budi", expiredAt.minus(Duration.ofHours(24)), expiredAt,
                sid, false, false);
    }

    private static InboundMessageReceived withReceivedAt(InboundMessageReceived m, Instant receivedAt) {
        return new InboundMessageReceived(m.eventId(), m.version(), receivedAt, m.contactId(), m.messageSid(),
                m.accountSid(), m.messagingServiceSid(), m.from(), m.to(), m.body(), m.profileName(), m.waId(),
                m.externalUserId(), m.messageType(), m.numMedia(), m.media(), m.buttonText(), m.buttonPayload(),
                m.originalRepliedMessageSid(), m.location(), m.referral(), m.consent(), m.otherParameters());
    }
}
