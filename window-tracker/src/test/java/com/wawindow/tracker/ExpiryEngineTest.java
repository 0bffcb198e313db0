package com.wawindow.tracker;

import static com.wawindow.tracker.TrackerApi.asViewer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.ConsentChange;
import com.wawindow.events.EventIds;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.WindowExpiringSoon;
import com.wawindow.events.serde.EventJson;
import com.wawindow.tracker.service.ExpiryEngine;
import com.wawindow.tracker.service.ExpiryScheduler;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The expiry engine against the real broker and database. Time passes by moving the application's clock
 * ({@link TestClock}): a window closes when the test says so, not after a real wait. The engine's rules at fixed
 * instants are {@code WindowPolicyTest}; what happens with the broker down is {@code BrokerOutageTest}.
 */
@QuarkusTest
class ExpiryEngineTest {

    /** The %test profile's WINDOW_DURATION and WINDOW_EXPIRING_SOON_LEAD. */
    private static final Duration WINDOW = InboundApplyTest.WINDOW;
    private static final Duration LEAD = Duration.ofMinutes(10);

    private final TrackerKafka kafka = TrackerKafka.get();

    @Inject
    ExpiryScheduler scheduler;

    @Inject
    ExpiryEngine engine;

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aWindowGetsItsExpiringSoonNoticeThenExactlyOneExpiredEvent() throws Exception {
        String contact = TrackerKafka.newContactId();
        InboundMessageReceived message = TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), clock.now());
        kafka.publish(message);
        InboundApplyTest.awaitWindow(contact);

        // scans run every 200 ms: before its deadlines nothing goes out
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> kafka.records(Topics.WINDOW_EXPIRING_SOON, contact).isEmpty());
        clock.advance(WINDOW.minus(LEAD).plusSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.records(Topics.WINDOW_EXPIRING_SOON, contact).size() == 1);
        assertTrue(kafka.records(Topics.WINDOW_EXPIRED, contact).isEmpty(), "still open: not expired");

        clock.advance(LEAD);
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.records(Topics.WINDOW_EXPIRED, contact).size() == 1);
        // nothing more arrives for that window
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> kafka.records(Topics.WINDOW_EXPIRED, contact).size() == 1
                        && kafka.records(Topics.WINDOW_EXPIRING_SOON, contact).size() == 1);

        WindowExpiringSoon notice = EventJson.MAPPER.readValue(
                kafka.records(Topics.WINDOW_EXPIRING_SOON, contact).get(0).value(), WindowExpiringSoon.class);
        assertEquals(EventIds.windowExpiringSoon(contact, message.messageSid()), notice.eventId());
        assertEquals(message.receivedAt().plus(WINDOW), notice.expiresAt());

        ConsumerRecord<String, byte[]> expiredRecord = kafka.records(Topics.WINDOW_EXPIRED, contact).get(0);
        WindowExpired expired = EventJson.MAPPER.readValue(expiredRecord.value(), WindowExpired.class);
        assertEquals(EventIds.windowExpired(contact, message.messageSid()), expired.eventId());
        assertEquals(contact, expired.contactId());
        assertEquals(message.from(), expired.contactAddress());
        assertEquals(message.to(), expired.businessAddress());
        assertEquals("Budi", expired.profileName());
        assertEquals(message.receivedAt(), expired.lastMessageAt());
        assertEquals(message.receivedAt().plus(WINDOW), expired.expiredAt());
        assertEquals(message.messageSid(), expired.openingMessageSid());
        assertFalse(expired.optedOut());
        assertEquals(0, pendingExpiries(contact));
    }

    @Test
    void aReplyBeforeTheCloseExtendsTheWindowAndTheOldDeadlineEmitsNothing() throws Exception {
        String contact = TrackerKafka.newContactId();
        Instant first = clock.now();
        InboundMessageReceived opening = TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), first);
        InboundMessageReceived reply = TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), first.plusSeconds(30));
        kafka.publish(opening);
        kafka.publish(reply);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                InboundApplyTest.window(contact).body("inboundCount", equalTo(2)));

        // past the old deadline, not yet the new one
        clock.advance(WINDOW.plusSeconds(5));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> kafka.records(Topics.WINDOW_EXPIRED, contact).isEmpty());
        clock.advance(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.records(Topics.WINDOW_EXPIRED, contact).size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> kafka.records(Topics.WINDOW_EXPIRED, contact).size() == 1);
        WindowExpired expired = EventJson.MAPPER.readValue(
                kafka.records(Topics.WINDOW_EXPIRED, contact).get(0).value(), WindowExpired.class);
        assertEquals(reply.messageSid(), expired.openingMessageSid());
        assertEquals(reply.receivedAt().plus(WINDOW), expired.expiredAt());
    }

    /**
     * A STOP sent before the deadline but still waiting in inbound-messages (here behind a batch held by a row lock, as a
     * backlog after an outage would hold it) is applied before the window closes: the one window-expired carries the
     * opt-out, rather than a window-expired without it first and a second one later.
     */
    @Test
    void aStopWaitingInTheTopicIsAppliedBeforeTheWindowCloses() throws Exception {
        String blocker = TrackerKafka.newContactId();
        String contact = TrackerKafka.newContactId();
        kafka.publish(TrackerKafka.inbound(blocker, TrackerKafka.newMessageSid(), clock.now()));
        kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), clock.now()));
        InboundApplyTest.awaitWindow(blocker);
        InboundApplyTest.awaitWindow(contact);
        InboundMessageReceived stop = TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), clock.now(),
                ConsentChange.OPT_OUT, null);
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (PreparedStatement select = lock.prepareStatement("select 1 from contact where contact_id = ? for update")) {
                select.setString(1, blocker);
                select.executeQuery().close();
            }
            // the consumer's next batch waits for the blocker's row; the STOP is behind it
            kafka.publish(TrackerKafka.inbound(blocker, TrackerKafka.newMessageSid(), clock.now()));
            kafka.publish(stop);
            clock.advance(WINDOW.plusSeconds(1));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                    .until(() -> kafka.records(Topics.WINDOW_EXPIRED, contact).isEmpty());
            lock.rollback();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.records(Topics.WINDOW_EXPIRED, contact).size() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> kafka.records(Topics.WINDOW_EXPIRED, contact).size() == 1);
        WindowExpired expired = EventJson.MAPPER.readValue(
                kafka.records(Topics.WINDOW_EXPIRED, contact).get(0).value(), WindowExpired.class);
        assertTrue(expired.optedOut(), "the STOP was applied before the close");
        assertEquals(stop.messageSid(), expired.openingMessageSid());
    }

    @Test
    void windowsThatCameDueWhileTheEngineWasStoppedAreEmittedWhenItRunsAgain() throws Exception {
        scheduler.pause();
        String contact = TrackerKafka.newContactId();
        try {
            kafka.publish(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), clock.now()));
            InboundApplyTest.awaitWindow(contact);
            clock.advance(WINDOW.plusSeconds(1));
            asViewer().get("/contacts/{id}/window", contact).then().body("state", equalTo("CLOSED"));
            assertTrue(kafka.records(Topics.WINDOW_EXPIRED, contact).isEmpty(), "stopped: nothing emitted yet");
            assertEquals(1, pendingExpiries(contact));
        } finally {
            scheduler.resume();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> kafka.records(Topics.WINDOW_EXPIRED, contact).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingExpiries(contact) == 0);
        // its notice came due and the window closed while stopped: a notice for a closed window is dropped
        assertTrue(kafka.records(Topics.WINDOW_EXPIRING_SOON, contact).isEmpty());
    }

    @Test
    void latenessIsExportedAsAHistogram() {
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("window_event_lateness_seconds_bucket{event=\"window-expired\""));
    }

    /**
     * Two claimers in this JVM run the real claim SQL ({@code FOR UPDATE SKIP LOCKED}) concurrently on one database,
     * as two tracker instances would, over 1,200 due windows: each window is emitted exactly once.
     */
    @Test
    void twoConcurrentClaimersEmitEachOfTwelveHundredWindowsExactlyOnce() throws Exception {
        int windows = 1200;
        String prefix = "+6277" + (System.nanoTime() % 100_000);
        scheduler.pause();
        List<String> contacts = new ArrayList<>();
        try {
            // other tests' windows that are due already go out first, so the claimers below count only these
            while (engine.emitDueExpirations(clock.instant()) > 0) {
                // drain
            }
            Instant longAgo = clock.now().minus(WINDOW).minusSeconds(60);
            for (int i = 0; i < windows; i++) {
                String contact = prefix + String.format("%05d", i);
                contacts.add(contact);
                kafka.publishAsync(TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), longAgo));
            }
            kafka.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> pendingExpiriesWithPrefix(prefix) == windows);

            ExecutorService claimers = Executors.newFixedThreadPool(2);
            Callable<Integer> drain = () -> {
                int emitted = 0;
                for (int n = engine.emitDueExpirations(clock.instant()); n > 0; n = engine.emitDueExpirations(clock.instant())) {
                    emitted += n;
                }
                return emitted;
            };
            Future<Integer> first = claimers.submit(drain);
            Future<Integer> second = claimers.submit(drain);
            int emittedByFirst = first.get();
            int emittedBySecond = second.get();
            claimers.shutdown();
            System.out.printf("claimer 1 emitted %d windows, claimer 2 emitted %d%n", emittedByFirst, emittedBySecond);
            assertEquals(windows, emittedByFirst + emittedBySecond);
        } finally {
            scheduler.resume();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> expiredRecordsWithPrefix(prefix).size() >= windows);
        await().atMost(Duration.ofSeconds(10)).until(() -> pendingExpiriesWithPrefix(prefix) == 0);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> expiredRecordsWithPrefix(prefix).size() == windows);
        Set<String> distinctKeys = expiredRecordsWithPrefix(prefix).stream().map(ConsumerRecord::key).collect(Collectors.toSet());
        assertEquals(Set.copyOf(contacts), distinctKeys);
    }

    private List<ConsumerRecord<String, byte[]>> expiredRecordsWithPrefix(String prefix) {
        return kafka.records(Topics.WINDOW_EXPIRED).stream().filter(r -> r.key().startsWith(prefix)).toList();
    }

    private long pendingExpiries(String contact) throws SQLException {
        return count("select count(*) from contact where contact_id = ? and expiry_due_at is not null", contact);
    }

    private long pendingExpiriesWithPrefix(String prefix) throws SQLException {
        return count("select count(*) from contact where contact_id like ? and expiry_due_at is not null", prefix + "%");
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
