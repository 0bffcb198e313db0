package com.wawindow.tracker;

import static com.wawindow.tracker.TrackerApi.asViewer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.ConsentChange;
import com.wawindow.events.EventIds;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.serde.EventJson;
import com.wawindow.infra.InfraTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A contact known first by its business-scoped user id only ({@code bsuid:<ExternalUserId>}, a username-only WhatsApp
 * user), whose number appears later on a message that carries both: one contact, one window history, the bsuid's window
 * never followed up on its own, and bsuid-only messages landing on the phone contact afterwards. Through the real
 * consumer and expiry engine, time moved by the application's clock as in {@code ExpiryEngineTest}.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class IdentityMergeTest {

    private static final Duration WINDOW = InboundApplyTest.WINDOW;
    private static final String BUSINESS = "whatsapp:+14155238886";

    private final TrackerKafka kafka = TrackerKafka.get();

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theNumberAppearingMergesTheBsuidContactIntoItAndOnlyThePhoneWindowExpires() throws Exception {
        String externalUserId = newExternalUserId();
        String bsuid = "bsuid:" + externalUserId;
        String phone = TrackerKafka.newContactId();
        Instant start = clock.now();
        // the bsuid says STOP; the phone's later message says nothing about consent: the opt-out holds for the person
        InboundMessageReceived first = bsuidMessage(externalUserId, TrackerKafka.newMessageSid(), start, ConsentChange.OPT_OUT);
        kafka.publish(first);
        awaitWindow(bsuid).body("contactId", equalTo(bsuid)).body("optedOut", equalTo(true));
        assertEquals(1, pendingExpiries(bsuid), "the bsuid's own window is pending before the merge");

        InboundMessageReceived second = phoneMessage(phone, externalUserId, TrackerKafka.newMessageSid(),
                start.plusSeconds(120));
        kafka.publish(second);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> window(bsuid).body("contactId", equalTo(phone)));

        for (String id : List.of(phone, bsuid)) {
            window(id)
                    .body("contactId", equalTo(phone))
                    .body("inboundCount", equalTo(2))
                    .body("lastMessageSid", equalTo(second.messageSid()))
                    .body("lastMessageAt", equalTo(second.receivedAt().toString()))
                    .body("firstSeenAt", equalTo(first.receivedAt().toString()))
                    .body("contactAddress", equalTo("whatsapp:" + phone))
                    .body("optedOut", equalTo(true));
            asViewer().get("/contacts/{id}/messages", id).then().statusCode(200)
                    .body("messageSid", equalTo(List.of(second.messageSid(), first.messageSid())));
        }
        assertEquals(List.of(phone), contactRows(phone, bsuid));
        assertEquals(0, historyRows(bsuid));
        assertEquals(phone, aliasTarget(bsuid));
        assertEquals(1, asViewer().queryParam("search", phone).get("/contacts").then().statusCode(200)
                .extract().jsonPath().getList("items").size());

        // past the bsuid's close, not yet the phone's: the merged-away window emits nothing
        clock.advance(WINDOW.plusSeconds(5));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> kafka.records(Topics.WINDOW_EXPIRED, bsuid).isEmpty()
                        && kafka.records(Topics.WINDOW_EXPIRED, phone).isEmpty());
        clock.advance(Duration.ofSeconds(120));
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.records(Topics.WINDOW_EXPIRED, phone).size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> kafka.records(Topics.WINDOW_EXPIRED, phone).size() == 1);
        assertTrue(kafka.records(Topics.WINDOW_EXPIRED, bsuid).isEmpty(), "no window-expired for the bsuid");
        assertTrue(kafka.records(Topics.WINDOW_EXPIRING_SOON, bsuid).isEmpty(), "no window-expiring-soon for the bsuid");
        assertEquals(1, kafka.records(Topics.WINDOW_EXPIRING_SOON, phone).size());

        WindowExpired expired = expired(phone, 0);
        assertEquals(EventIds.windowExpired(phone, second.messageSid()), expired.eventId());
        assertEquals("whatsapp:" + phone, expired.contactAddress());
        assertEquals(second.messageSid(), expired.openingMessageSid());
        assertTrue(expired.optedOut(), "the bsuid's STOP came with the merge");
    }

    @Test
    void aLaterBsuidOnlyMessageLandsOnThePhoneContactAndReplaysChangeNothing() throws Exception {
        String externalUserId = newExternalUserId();
        String bsuid = "bsuid:" + externalUserId;
        String phone = TrackerKafka.newContactId();
        Instant start = clock.now();
        InboundMessageReceived first = bsuidMessage(externalUserId, TrackerKafka.newMessageSid(), start, ConsentChange.NONE);
        kafka.publish(first);
        awaitWindow(bsuid);
        InboundMessageReceived second = phoneMessage(phone, externalUserId, TrackerKafka.newMessageSid(), start.plusSeconds(1));
        kafka.publish(second);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> window(bsuid).body("contactId", equalTo(phone)));

        // replays of both, each followed on its own partition (same key) by a new message: once the new ones show,
        // the replays were seen and skipped
        InboundMessageReceived third = bsuidMessage(externalUserId, TrackerKafka.newMessageSid(), start.plusSeconds(20),
                ConsentChange.NONE);
        InboundMessageReceived fourth = phoneMessage(phone, externalUserId, TrackerKafka.newMessageSid(), start.plusSeconds(10));
        kafka.publish(first);
        kafka.publish(third);
        kafka.publish(second);
        kafka.publish(fourth);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> asViewer().get("/contacts/{id}/messages", bsuid).then()
                .statusCode(200)
                .body("messageSid", equalTo(List.of(third.messageSid(), fourth.messageSid(), second.messageSid()))));
        window(phone)
                .body("inboundCount", equalTo(4))
                .body("lastMessageSid", equalTo(third.messageSid()))
                .body("contactAddress", equalTo("whatsapp:" + phone));
        assertEquals(List.of(phone), contactRows(phone, bsuid));

        clock.advance(WINDOW.plusSeconds(21));
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.records(Topics.WINDOW_EXPIRED, phone).size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> kafka.records(Topics.WINDOW_EXPIRED, phone).size() == 1);
        assertTrue(kafka.records(Topics.WINDOW_EXPIRED, bsuid).isEmpty(), "no window-expired for the bsuid");
        WindowExpired expired = expired(phone, 0);
        assertEquals(phone, expired.contactId());
        assertEquals("whatsapp:" + phone, expired.contactAddress());
        assertEquals(BUSINESS, expired.businessAddress());
        assertEquals(third.messageSid(), expired.openingMessageSid());
    }

    /**
     * The bsuid's window closed and was followed up before the number appeared, on a message older than the bsuid's
     * last (delivered late): the merged contact keeps the bsuid's closed window with nothing pending, so nothing goes
     * out again, under either id.
     */
    @Test
    void aBsuidWindowAlreadyExpiredIsNotEmittedAgainAfterTheMerge() throws Exception {
        String externalUserId = newExternalUserId();
        String bsuid = "bsuid:" + externalUserId;
        String phone = TrackerKafka.newContactId();
        Instant closed = clock.now().minus(WINDOW).minusSeconds(60);
        InboundMessageReceived first = bsuidMessage(externalUserId, TrackerKafka.newMessageSid(), closed, ConsentChange.NONE);
        kafka.publish(first);
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.records(Topics.WINDOW_EXPIRED, bsuid).size() == 1);
        assertEquals(bsuid, expired(bsuid, 0).contactId());
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingExpiries(bsuid) == 0);

        InboundMessageReceived late = phoneMessage(phone, externalUserId, TrackerKafka.newMessageSid(), closed.minusSeconds(60));
        kafka.publish(late);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> window(bsuid).body("contactId", equalTo(phone)));
        window(phone)
                .body("inboundCount", equalTo(2))
                .body("state", equalTo("CLOSED"))
                .body("lastMessageSid", equalTo(first.messageSid()));
        assertEquals(0, pendingExpiries(phone));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> kafka.records(Topics.WINDOW_EXPIRED, phone).isEmpty()
                        && kafka.records(Topics.WINDOW_EXPIRED, bsuid).size() == 1);
        assertEquals(List.of(phone), contactRows(phone, bsuid));
    }

    private static String newExternalUserId() {
        return "US." + ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_999_999_999_999L);
    }

    /** As ingest maps a username-only user's webhook: no WaId, a From that is no number, the ExternalUserId. */
    private static InboundMessageReceived bsuidMessage(String externalUserId, String sid, Instant at, ConsentChange consent) {
        return new InboundMessageReceived(EventIds.inboundMessage(sid), InboundMessageReceived.CURRENT_VERSION, at,
                "bsuid:" + externalUserId, sid, "AC00000000000000000000000000000000", null, "whatsapp:" + externalUserId,
                BUSINESS, "hello", "Budi", null, externalUserId, "text", 0, List.of(), null, null, null, null, null,
                consent, Map.of());
    }

    /** The same user once Twilio sends the number too: WaId and a phone From beside the ExternalUserId. */
    private static InboundMessageReceived phoneMessage(String phone, String externalUserId, String sid, Instant at) {
        return new InboundMessageReceived(EventIds.inboundMessage(sid), InboundMessageReceived.CURRENT_VERSION, at, phone,
                sid, "AC00000000000000000000000000000000", null, "whatsapp:" + phone, BUSINESS, "hello", "Budi",
                phone.substring(1), externalUserId, "text", 0, List.of(), null, null, null, null, null,
                ConsentChange.NONE, Map.of());
    }

    private static ValidatableResponse awaitWindow(String contact) {
        await().atMost(Duration.ofSeconds(20)).until(() -> asViewer().get("/contacts/{id}/window", contact).statusCode() == 200);
        return window(contact);
    }

    private static ValidatableResponse window(String contact) {
        return asViewer().get("/contacts/{id}/window", contact).then().statusCode(200);
    }

    private WindowExpired expired(String contact, int index) throws Exception {
        return EventJson.MAPPER.readValue(kafka.records(Topics.WINDOW_EXPIRED, contact).get(index).value(), WindowExpired.class);
    }

    private List<String> contactRows(String... ids) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select contact_id from contact where contact_id = any (?) order by contact_id")) {
            select.setArray(1, connection.createArrayOf("text", ids));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }

    private long historyRows(String contact) throws SQLException {
        return count("select count(*) from inbound_history where contact_id = ?", contact);
    }

    private long pendingExpiries(String contact) throws SQLException {
        return count("select count(*) from contact where contact_id = ? and expiry_due_at is not null", contact);
    }

    private String aliasTarget(String alias) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "select contact_id from contact_alias where alias_id = ?")) {
            select.setString(1, alias);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
