package com.wawindow.tracker;

import static com.wawindow.tracker.TrackerApi.asViewer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.ConsentChange;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.events.serde.EventJson;
import com.wawindow.infra.InfraTestResource;
import com.wawindow.tracker.service.ProcessedMessagePruner;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Inbound messages through the real consumer into the contact table, read back through the API. */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class InboundApplyTest {

    /** The %test profile's WINDOW_DURATION and ENTRY_POINT_WINDOW_DURATION. */
    static final Duration WINDOW = Duration.ofHours(1);
    static final Duration ENTRY_POINT_WINDOW = Duration.ofHours(3);

    private final TrackerKafka kafka = TrackerKafka.get();

    @Inject
    TestClock clock;

    @Inject
    ProcessedMessagePruner pruner;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aMessageOpensTheWindowForTheConfiguredDuration() {
        String contact = TrackerKafka.newContactId();
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), receivedAt));

        awaitWindow(contact)
                .body("state", equalTo("OPEN"))
                .body("expiringSoon", equalTo(false))
                .body("lastMessageAt", equalTo(receivedAt.toString()))
                .body("expiresAt", equalTo(receivedAt.plus(WINDOW).toString()))
                .body("contactAddress", equalTo("whatsapp:" + contact))
                .body("profileName", equalTo("Budi"))
                .body("entryPoint.open", equalTo(false));
        // the API answers at the application's clock: move it past the close instead of waiting an hour
        clock.advance(WINDOW);
        window(contact).body("state", equalTo("CLOSED")).body("secondsRemaining", equalTo(0));
    }

    @Test
    void anOlderMessageArrivingLateNeverMovesTheWindowBackwards() {
        String contact = TrackerKafka.newContactId();
        Instant newer = clock.instant().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        String newerSid = TrackerKafka.newMessageSid();
        kafka.publish(TrackerKafka.inbound(contact, newerSid, newer));
        kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), newer.minusSeconds(30)));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> window(contact).body("inboundCount", equalTo(2)));
        window(contact)
                .body("lastMessageAt", equalTo(newer.toString()))
                .body("lastMessageSid", equalTo(newerSid))
                .body("expiresAt", equalTo(newer.plus(WINDOW).toString()));
    }

    @Test
    void aRedeliveredMessageChangesNothing() {
        String contact = TrackerKafka.newContactId();
        InboundMessageReceived message = TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), clock.now());
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
        Instant now = clock.now();
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
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var referral = new InboundMessageReceived.Referral("ARAkxyz", "1203", "ad", "https://fb.me/ad", "Promo", null,
                null, null, null, null, null);
        kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), receivedAt, ConsentChange.NONE, referral));

        awaitWindow(contact)
                .body("entryPoint.open", equalTo(true))
                .body("entryPoint.expiresAt", equalTo(receivedAt.plus(ENTRY_POINT_WINDOW).toString()));
        // a later message without a referral keeps the entry point window it does not renew
        kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), receivedAt.plusSeconds(1)));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> window(contact).body("inboundCount", equalTo(2)));
        window(contact).body("entryPoint.expiresAt", equalTo(receivedAt.plus(ENTRY_POINT_WINDOW).toString()));
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndConsumptionContinues() {
        double countedBefore = deadLettersCounted();
        String poisonKey = TrackerKafka.newContactId();
        kafka.publishRaw(poisonKey, "{not json".getBytes(StandardCharsets.UTF_8));
        String noSidKey = TrackerKafka.newContactId();
        kafka.publishRaw(noSidKey, ("{\"contactId\":\"" + noSidKey + "\",\"receivedAt\":\"2026-01-01T00:00:00Z\"}")
                .getBytes(StandardCharsets.UTF_8));
        String contact = TrackerKafka.newContactId();
        kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), clock.now()));

        awaitWindow(contact).body("inboundCount", equalTo(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.records(Topics.INBOUND_MESSAGES_DLQ, noSidKey).size() == 1);
        ConsumerRecord<String, byte[]> poison = kafka.records(Topics.INBOUND_MESSAGES_DLQ, poisonKey).get(0);
        assertEquals("{not json", new String(poison.value(), StandardCharsets.UTF_8));
        assertEquals(Topics.INBOUND_MESSAGES, header(poison, "dead-letter-topic"));
        assertTrue(header(poison, "dead-letter-reason").contains("not a valid"),
                header(poison, "dead-letter-reason"));
        assertEquals("no messageSid", header(kafka.records(Topics.INBOUND_MESSAGES_DLQ, noSidKey).get(0), "dead-letter-reason"));
        asViewer().get("/contacts/{id}/window", noSidKey).then().statusCode(404);
        double counted = deadLettersCounted() - countedBefore;
        assertTrue(counted >= 2, "tracker_dead_letters_total counts both dead letters: " + counted);
    }

    /** {@code tracker_dead_letters_total} on /q/metrics (registered at start, so always there). */
    private static double deadLettersCounted() {
        String page = io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher line = java.util.regex.Pattern.compile(
                "(?m)^tracker_dead_letters_total\\{[^}]*} ([0-9.eE+-]+)$").matcher(page);
        assertTrue(line.find(), "tracker_dead_letters_total on /q/metrics");
        return Double.parseDouble(line.group(1));
    }

    /**
     * A record that decodes yet the database refuses (PostgreSQL text cannot hold a NUL character) while the database
     * answers: its batch is applied record by record, that record goes to the DLQ as not applicable, the others are
     * applied. Not a database outage, so it does not wait.
     */
    @Test
    void aRecordTheDatabaseRefusesGoesToTheDeadLetterTopicAndTheRestOfItsBatchIsApplied() throws Exception {
        String refused = TrackerKafka.newContactId();
        String json = EventJson.MAPPER.writeValueAsString(TrackerKafka.inbound(refused, TrackerKafka.newMessageSid(), clock.now()))
                .replace("\"Budi\"", "\"Bu\\u0000di\"");
        assertTrue(json.contains("\\u0000"), json);
        String contact = TrackerKafka.newContactId();
        kafka.publishAsync(TrackerKafka.inbound(TrackerKafka.newContactId(), TrackerKafka.newMessageSid(), clock.now()));
        kafka.publishRaw(refused, json.getBytes(StandardCharsets.UTF_8));
        kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), clock.now()));

        awaitWindow(contact).body("inboundCount", equalTo(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.records(Topics.INBOUND_MESSAGES_DLQ, refused).size() == 1);
        ConsumerRecord<String, byte[]> deadLetter = kafka.records(Topics.INBOUND_MESSAGES_DLQ, refused).get(0);
        String reason = header(deadLetter, "dead-letter-reason");
        assertTrue(reason.startsWith("not applicable: ") && reason.contains("SQLState"), reason);
        assertFalse(reason.contains(refused.substring(1)), "the reason never quotes the number: " + reason);
        assertEquals(json, new String(deadLetter.value(), StandardCharsets.UTF_8));
        asViewer().get("/contacts/{id}/window", refused).then().statusCode(404);
    }

    @Test
    void anUnknownContactIsA404Problem() {
        asViewer().get("/contacts/{id}/window", "+6280000000001").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://wawindow.dev/problems/contact-not-found"))
                .body("status", equalTo(404))
                // masked: an error text never repeats a full number
                .body("detail", not(containsString("6280000000001")));
        asViewer().get("/contacts/{id}/nothing-here", "+6280000000001").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    /** Issue 11: every way a client writes a number names the same contact (normalised by the shared ContactIds). */
    @Test
    void theWindowIsFoundByEveryFormOfTheContactsNumber() {
        String contact = TrackerKafka.newContactId();
        kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), clock.now()));
        awaitWindow(contact);
        String digits = contact.substring(1);
        String spaced = "+" + digits.substring(0, 2) + " " + digits.substring(2, 5) + "-" + digits.substring(5, 8) + "-"
                + digits.substring(8);
        for (String form : List.of(contact, digits, "whatsapp:" + contact, spaced, "whatsapp:" + spaced,
                digits.substring(0, 2) + "-" + digits.substring(2))) {
            asViewer().get("/contacts/{id}/window", form).then().statusCode(200).body("contactId", equalTo(contact));
        }
        asViewer().get("/contacts/{id}/window", "+" + digits + "9").then().statusCode(404);
    }

    /** The pruner decides at the application's clock: a sid older than PROCESSED_MESSAGE_RETENTION (7 days) goes. */
    @Test
    void processedMessageSidsOlderThanTheRetentionAreForgotten() throws Exception {
        String old = TrackerKafka.newMessageSid();
        String recent = TrackerKafka.newMessageSid();
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "insert into processed_message (message_sid, processed_at) values (?, ?), (?, ?)")) {
            insert.setString(1, old);
            insert.setObject(2, clock.now().minus(Duration.ofDays(7)).minusSeconds(60).atOffset(ZoneOffset.UTC));
            insert.setString(3, recent);
            insert.setObject(4, clock.now().minus(Duration.ofDays(6)).atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
        pruner.prune();
        assertEquals(List.of(recent), processed(old, recent));
    }

    private List<String> processed(String... sids) throws Exception {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select message_sid from processed_message where message_sid = any (?) order by message_sid")) {
            select.setArray(1, connection.createArrayOf("text", sids));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    static ValidatableResponse awaitWindow(String contact) {
        await().atMost(Duration.ofSeconds(20)).until(() -> asViewer().get("/contacts/{id}/window", contact).statusCode() == 200);
        return window(contact);
    }

    static ValidatableResponse window(String contact) {
        return asViewer().get("/contacts/{id}/window", contact).then().statusCode(200).body("contactId", equalTo(contact))
                .body("lastMessageAt", notNullValue()).body("profileName", notNullValue()).body("optedOut", notNullValue())
                .body("businessAddress", equalTo("whatsapp:+14155238886")).body("nothing", nullValue());
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
