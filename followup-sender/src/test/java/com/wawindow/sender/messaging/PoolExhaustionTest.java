package com.wawindow.sender.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import com.wawindow.events.Topics;
import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.SenderKafka;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Closed windows against a small connection pool (15, acquisition timeout 1 s): a burst of window-expired records
 * never waits for a connection (the workers are bounded to what the pool serves), and a pool held busy from outside is
 * a wait, not a dead letter: every window is followed up exactly once at the fake, nothing goes to the DLQ. The
 * defect behind it: 1,000 windows closing at once ran more decisions than the pool held, each decision asked for a
 * second connection while holding one, and the acquisition timeouts sent good records to {@code window-expired.dlq}.
 */
@QuarkusTest
@TestProfile(PoolExhaustionTest.SmallPool.class)
class PoolExhaustionTest extends SenderTestBase {

    private static final int POOL = 15;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void twilioAcceptsAll() {
        FakeTwilio.acceptAll();
    }

    @Test
    void aBurstOfClosedWindowsNeverWaitsForAConnectionAndEachIsFollowedUpOnce() {
        double busyBefore = busyWaits();
        double deadBefore = deadLetters();
        List<String> contacts = contacts(150);
        RecordMetadata last = publishWindowsExpired(contacts);

        followedUpOnceEach(contacts, last);
        assertEquals(busyBefore, busyWaits(), 0.0, "no record waited for a pooled connection: the workers fit the pool");
        assertEquals(deadBefore, deadLetters(), 0.0, "no dead letter counted");
    }

    @Test
    void aBusyPoolIsAWaitNotADeadLetter() throws Exception {
        double busyBefore = busyWaits();
        double deadBefore = deadLetters();
        List<String> contacts = contacts(20);
        RecordMetadata last;
        List<Connection> held = new ArrayList<>();
        try {
            // what another user of the pool might do: every connection taken for longer than the acquisition timeout
            for (int i = 0; i < POOL; i++) {
                held.add(dataSource.getConnection());
            }
            last = publishWindowsExpired(contacts);
            await().atMost(WAIT).until(() -> busyWaits() > busyBefore);
            // waits through a few acquisition timeouts meanwhile
            await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> true);
            Map<String, Integer> created = createsTo(contacts);
            assertEquals(Map.of(), created, "nothing can be claimed meanwhile");
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        System.out.printf("busy pool: %.0f tries put off, none dead-lettered%n", busyWaits() - busyBefore);

        followedUpOnceEach(contacts, last);
        assertEquals(deadBefore, deadLetters(), 0.0, "a busy pool sends nothing to the DLQ");
    }

    private static List<String> contacts(int count) {
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            contacts.add(TestEvents.newContactId());
        }
        return contacts;
    }

    private static RecordMetadata publishWindowsExpired(List<String> contacts) {
        return SenderKafka.publishAll(Topics.WINDOW_EXPIRED,
                contacts.stream().map(contact -> TestEvents.windowExpired(contact, "Budi")).toList());
    }

    /** One create per contact at the fake, still one once the group committed past the last record, none in the DLQ. */
    private static void followedUpOnceEach(List<String> contacts, RecordMetadata last) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> createsTo(contacts).size() == contacts.size());
        SenderKafka.awaitCommitted("followup-sender", last, WAIT);
        Map<String, Integer> created = createsTo(contacts);
        for (String contact : contacts) {
            assertEquals(1, created.get(contact), "one follow-up to " + contact);
        }
        Set<String> ours = new HashSet<>(contacts);
        assertEquals(List.of(), SenderKafka.records(Topics.WINDOW_EXPIRED_DLQ, ours::contains), "none in the DLQ");
    }

    /** Creates at the fake per contact of {@code contacts} that got any. */
    private static Map<String, Integer> createsTo(List<String> contacts) {
        Set<String> ours = new HashSet<>(contacts);
        Map<String, Integer> counts = new HashMap<>();
        for (LoggedRequest request : FakeTwilio.client().find(postRequestedFor(urlEqualTo(FakeTwilio.MESSAGES_PATH)))) {
            String to = FakeTwilio.form(request).get("To");
            String contact = to == null ? null : to.replace("whatsapp:", "");
            if (ours.contains(contact)) {
                counts.merge(contact, 1, Integer::sum);
            }
        }
        return counts;
    }

    private double busyWaits() {
        return registry.get("sender.consumer.busy.waits").counter().count();
    }

    private double deadLetters() {
        return registry.get("sender.dead.letters").tag("topic", Topics.WINDOW_EXPIRED_DLQ).counter().count();
    }

    /** A pool of 15 that gives up on a connection after 1 s: 4 window-expired workers + 1 campaign send + 10 others. */
    public static class SmallPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.max-size", Integer.toString(POOL),
                    "quarkus.datasource.jdbc.acquisition-timeout", "PT1S",
                    "followup.consumer-concurrency", "4",
                    "followup.campaign-concurrency", "1");
        }
    }
}
