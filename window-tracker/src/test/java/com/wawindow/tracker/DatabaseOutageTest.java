package com.wawindow.tracker;

import static com.wawindow.tracker.TrackerApi.asViewer;
import static io.restassured.RestAssured.given;
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
import com.wawindow.events.serde.EventSerializer;
import com.wawindow.infra.OwnDatabase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped for ~20 s while inbound messages (newer ones, redeliveries, late older ones, a STOP) keep
 * arriving and windows come due: readiness goes DOWN, the consumer waits in its group instead of dead-lettering or
 * committing, and once the database is back every message is applied as the one-at-a-time rules say, the windows
 * that came due are emitted once, nothing is in the DLQ and readiness is UP. The database stopped is this test's own
 * ({@link OwnDatabase}), never the shared server.
 */
@QuarkusTest
@TestProfile(OwnDatabaseProfile.class)
class DatabaseOutageTest {

    private static final int CONTACTS = 10;
    private static final Duration OUTAGE = Duration.ofSeconds(20);
    private static final String GROUP = "window-tracker-database-outage";

    @Inject
    TestClock clock;

    @Test
    void aDatabaseOutageIsAWaitNotALoss() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        assertEquals(OwnDatabase.jdbcUrl(OwnDatabaseProfile.NAME), ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class),
                "the application under test uses this test's own database");
        Instant start = clock.now();
        // closing: windows that come due while the database is away; writers: contacts who write during the outage
        Map<String, InboundMessageReceived> closing = new HashMap<>();
        Map<String, InboundMessageReceived> firstOfWriters = new HashMap<>();
        for (int i = 0; i < CONTACTS; i++) {
            String contact = TrackerKafka.newContactId();
            closing.put(contact, TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(),
                    start.minus(InboundApplyTest.WINDOW).plusSeconds(12)));
            String writer = TrackerKafka.newContactId();
            firstOfWriters.put(writer, TrackerKafka.inbound(writer, TrackerKafka.newMessageSid(), start));
        }
        String stopper = firstOfWriters.keySet().iterator().next();
        Map<String, InboundMessageReceived> newestOfWriters = new HashMap<>();
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new EventSerializer<>())) {
            closing.values().forEach(m -> send(producer, m));
            firstOfWriters.values().forEach(m -> send(producer, m));
            await().atMost(Duration.ofSeconds(30)).until(() -> applied(closing.keySet()) && applied(firstOfWriters.keySet()));
            List<String> emittedTooEarly = expiredByContact(bootstrap, closing.keySet(), Duration.ZERO).keySet().stream().toList();

            Instant outageStarted = Instant.now();
            OwnDatabase.stop(OwnDatabaseProfile.NAME);
            try {
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
                for (Map.Entry<String, InboundMessageReceived> first : firstOfWriters.entrySet()) {
                    String contact = first.getKey();
                    Instant at = first.getValue().receivedAt();
                    InboundMessageReceived newest = contact.equals(stopper)
                            ? TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), at.plusSeconds(10), ConsentChange.OPT_OUT, null)
                            : TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), at.plusSeconds(10));
                    newestOfWriters.put(contact, newest);
                    send(producer, newest);
                    send(producer, first.getValue()); // a redelivery
                    send(producer, TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), at.minusSeconds(5))); // late
                }
                Thread.sleep(Math.max(0, OUTAGE.minus(Duration.between(outageStarted, Instant.now())).toMillis() - 5_000));
                assertConsumerStillInItsGroup(bootstrap);
                given().get("/q/health/ready").then().statusCode(503);
                await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
            } finally {
                OwnDatabase.start(OwnDatabaseProfile.NAME);
            }
            System.out.printf("database outage: %d s; windows emitted before it (machine too slow to tell): %s%n",
                    Duration.between(outageStarted, Instant.now()).toSeconds(), emittedTooEarly);
            assertTrue(emittedTooEarly.isEmpty(), "the closing windows were meant to come due during the outage");
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (Map.Entry<String, InboundMessageReceived> newest : newestOfWriters.entrySet()) {
                asViewer().get("/contacts/{id}/window", newest.getKey()).then().statusCode(200)
                        .body("lastMessageAt", equalTo(newest.getValue().receivedAt().toString()))
                        .body("lastMessageSid", equalTo(newest.getValue().messageSid()))
                        .body("inboundCount", equalTo(3))
                        .body("optedOut", equalTo(newest.getKey().equals(stopper)))
                        .body("state", equalTo("OPEN"));
            }
        });
        // every window that came due during the outage goes out once it is over, exactly once, with its event id
        Map<String, List<WindowExpired>> expired = expiredByContact(bootstrap, closing.keySet(), Duration.ofSeconds(30));
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
        expired = expiredByContact(bootstrap, union(closing.keySet(), firstOfWriters.keySet()), Duration.ZERO);
        for (Map.Entry<String, InboundMessageReceived> window : closing.entrySet()) {
            List<WindowExpired> events = expired.getOrDefault(window.getKey(), List.of());
            assertEquals(1, events.size(), "one window-expired per window that closed during the outage");
            assertEquals(EventIds.windowExpired(window.getKey(), window.getValue().messageSid()), events.get(0).eventId());
        }
        assertEquals(CONTACTS, expired.size(), "no window-expired for the writers' open windows: " + expired.keySet());
        List<String> deadLettered = keysIn(bootstrap, Topics.INBOUND_MESSAGES_DLQ, union(closing.keySet(), firstOfWriters.keySet()));
        assertEquals(List.of(), deadLettered, "a database outage sends nothing to the DLQ");
        System.out.printf("after the outage: %d writers applied (1 STOP), %d windows emitted once each, %d dead letters%n",
                newestOfWriters.size(), expired.size(), deadLettered.size());
    }

    private static void send(KafkaProducer<String, Object> producer, InboundMessageReceived message) {
        try {
            producer.send(new ProducerRecord<>(Topics.INBOUND_MESSAGES, message.contactId(), message)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the broker did not take an inbound message", e);
        }
    }

    private static boolean applied(Set<String> contacts) {
        return contacts.stream().allMatch(c -> asViewer().get("/contacts/{id}/window", c).statusCode() == 200);
    }

    private static void assertConsumerStillInItsGroup(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS).get(GROUP);
            System.out.printf("during the outage: consumer group %s is %s with %d member(s)%n", GROUP, group.groupState(),
                    group.members().size());
            // every copy of the inbound channel is a member; each stays in the group while its batch waits
            int consumers = ConfigProvider.getConfig()
                    .getOptionalValue("mp.messaging.incoming.inbound-messages.concurrency", Integer.class).orElse(1);
            assertEquals(consumers, group.members().size(), "the waiting consumers stay in their group: " + group);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** window-expired records of these contacts, read from the beginning; waits up to {@code atLeastOneEach} for all. */
    private static Map<String, List<WindowExpired>> expiredByContact(String bootstrap, Set<String> contacts, Duration atLeastOneEach)
            throws Exception {
        Map<String, List<WindowExpired>> found = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : records(bootstrap, Topics.WINDOW_EXPIRED, contacts, atLeastOneEach)) {
            found.computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(EventJson.MAPPER.readValue(record.value(), WindowExpired.class));
        }
        return found;
    }

    private static List<String> keysIn(String bootstrap, String topic, Set<String> contacts) {
        return records(bootstrap, topic, contacts, Duration.ZERO).stream().map(ConsumerRecord::key).toList();
    }

    private static List<ConsumerRecord<String, byte[]>> records(String bootstrap, String topic, Set<String> contacts,
            Duration atLeastOneEach) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "database-outage-test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            // read up to the end as of now (and, if asked, until every contact has a record)
            await().atMost(atLeastOneEach.plusSeconds(15)).until(() -> {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (contacts.contains(r.key())) {
                        found.add(r);
                    }
                });
                boolean atEnd = !consumer.assignment().isEmpty() && consumer.assignment().stream().allMatch(tp ->
                        consumer.position(tp) >= consumer.endOffsets(List.of(tp)).get(tp));
                return atEnd && (atLeastOneEach.isZero()
                        || found.stream().map(ConsumerRecord::key).distinct().count() >= contacts.size());
            });
        }
        return found;
    }
}
