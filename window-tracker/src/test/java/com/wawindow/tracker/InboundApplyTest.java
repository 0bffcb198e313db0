package com.wawindow.tracker;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wawindow.events.ConsentChange;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.infra.InfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Inbound messages through the real consumer into the contact table, read back through the API. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class InboundApplyTest {

    private final TrackerKafka kafka = TrackerKafka.get();

    @Test
    void aMessageOpensTheWindowForTheConfiguredDuration() {
        String contact = TrackerKafka.newContactId();
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), receivedAt));

        awaitWindow(contact)
                .body("state", equalTo("OPEN"))
                .body("lastMessageAt", equalTo(receivedAt.toString()))
                .body("expiresAt", equalTo(receivedAt.plusSeconds(4).toString()))
                .body("contactAddress", equalTo("whatsapp:" + contact))
                .body("profileName", equalTo("Budi"))
                .body("entryPoint.open", equalTo(false));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> window(contact).body("state", equalTo("CLOSED"))
                .body("secondsRemaining", equalTo(0)));
    }

    @Test
    void anOlderMessageArrivingLateNeverMovesTheWindowBackwards() {
        String contact = TrackerKafka.newContactId();
        Instant newer = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        String newerSid = TrackerKafka.newMessageSid();
        kafka.publish(TrackerKafka.inbound(contact, newerSid, newer));
        kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), newer.minusSeconds(30)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> window(contact).body("inboundCount", equalTo(2)));
        window(contact)
                .body("lastMessageAt", equalTo(newer.toString()))
                .body("lastMessageSid", equalTo(newerSid))
                .body("expiresAt", equalTo(newer.plusSeconds(4).toString()));
    }

    @Test
    void aRedeliveredMessageChangesNothing() {
        String contact = TrackerKafka.newContactId();
        InboundMessageReceived message = TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), Instant.now());
        kafka.publish(message);
        kafka.publish(message);
        String marker = TrackerKafka.newMessageSid();
        kafka.publish(TrackerKafka.inbound(contact, marker, message.receivedAt().minusSeconds(1)));

        // the third message is applied after the duplicate, so once it shows, the duplicate was seen and skipped
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> window(contact).body("inboundCount", equalTo(2)));
        window(contact).body("lastMessageSid", equalTo(message.messageSid()));
    }

    @Test
    void consentFollowsTheNewestMessageThatSpeaksOfIt() {
        String contact = TrackerKafka.newContactId();
        Instant now = Instant.now();
        kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), now, ConsentChange.OPT_OUT, null));
        kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), now.minusSeconds(5), ConsentChange.OPT_IN, null));
        kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), now.plusSeconds(1)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> window(contact).body("inboundCount", equalTo(3)));
        window(contact).body("optedOut", equalTo(true));

        kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), now.plusSeconds(2), ConsentChange.OPT_IN, null));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> window(contact).body("optedOut", equalTo(false)));
    }

    @Test
    void aClickToWhatsAppReferralOpensTheEntryPointWindow() {
        String contact = TrackerKafka.newContactId();
        Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var referral = new InboundMessageReceived.Referral("ARAkxyz", "1203", "ad", "https://fb.me/ad", "Promo", null,
                null, null, null, null, null);
        kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), receivedAt, ConsentChange.NONE, referral));

        awaitWindow(contact)
                .body("entryPoint.open", equalTo(true))
                .body("entryPoint.expiresAt", equalTo(receivedAt.plusSeconds(8).toString()));
        // a later message without a referral keeps the entry point window it does not renew
        kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), receivedAt.plusSeconds(1)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> window(contact).body("inboundCount", equalTo(2)));
        window(contact).body("entryPoint.expiresAt", equalTo(receivedAt.plusSeconds(8).toString()));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndConsumptionContinues() {
        String poisonKey = TrackerKafka.newContactId();
        kafka.publishRaw(poisonKey, "{not json".getBytes(StandardCharsets.UTF_8));
        String noSidKey = TrackerKafka.newContactId();
        kafka.publishRaw(noSidKey, ("{\"contactId\":\"" + noSidKey + "\",\"receivedAt\":\"2026-01-01T00:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8));
        String contact = TrackerKafka.newContactId();
        kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), Instant.now()));

        awaitWindow(contact).body("inboundCount", equalTo(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.records(Topics.INBOUND_MESSAGES_DLQ, noSidKey).size() == 1);
        ConsumerRecord<String, byte[]> poison = kafka.records(Topics.INBOUND_MESSAGES_DLQ, poisonKey).get(0);
        assertEquals("{not json", new String(poison.value(), StandardCharsets.UTF_8));
        assertEquals(Topics.INBOUND_MESSAGES, header(poison, "dead-letter-topic"));
        org.junit.jupiter.api.Assertions.assertTrue(header(poison, "dead-letter-reason").contains("not a valid"),
                header(poison, "dead-letter-reason"));
        assertEquals("no messageSid", header(kafka.records(Topics.INBOUND_MESSAGES_DLQ, noSidKey).get(0), "dead-letter-reason"));
        given().get("/contacts/{id}/window", noSidKey).then().statusCode(404);
    }

    @Test
    void anUnknownContactIsA404Problem() {
        given().get("/contacts/{id}/window", "+6280000000001").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://wawindow.dev/problems/contact-not-found"))
                .body("status", equalTo(404))
                .body("detail", notNullValue());
        given().get("/contacts/{id}/nothing-here", "+6280000000001").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    static ValidatableResponse awaitWindow(String contact) {
        await().atMost(Duration.ofSeconds(20)).until(() -> given().get("/contacts/{id}/window", contact).statusCode() == 200);
        return window(contact);
    }

    static ValidatableResponse window(String contact) {
        return given().get("/contacts/{id}/window", contact).then().statusCode(200).body("contactId", equalTo(contact))
                .body("lastMessageAt", notNullValue()).body("profileName", notNullValue()).body("optedOut", notNullValue())
                .body("businessAddress", equalTo("whatsapp:+14155238886")).body("nothing", nullValue());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
