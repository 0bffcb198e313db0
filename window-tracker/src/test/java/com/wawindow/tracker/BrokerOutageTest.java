package com.wawindow.tracker;

import static com.wawindow.tracker.TrackerApi.asViewer;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.wawindow.events.EventIds;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.serde.EventJson;
import com.wawindow.events.serde.EventSerializer;
import com.wawindow.tracker.service.ExpiryScheduler;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import org.junit.jupiter.api.Test;

/**
 * With the broker gone mid-claim nothing is marked emitted; once it is back the window goes out with the same event
 * id and is marked. The broker stopped is this test's own ({@link OwnBroker}), never the one the other tests share.
 */
@QuarkusTest
@TestProfile(OwnBroker.Profile.class)
class BrokerOutageTest {

    @Inject
    ExpiryScheduler scheduler;

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aWindowIsMarkedEmittedOnlyOnceTheBrokerAcknowledgedIt() throws Exception {
        String bootstrap = OwnBroker.bootstrapServers();
        assertEquals(bootstrap, ConfigProvider.getConfig()
                .getValue("mp.messaging.outgoing.window-expired.bootstrap.servers", String.class),
                "the application under test talks to this test's own broker");
        String contact = TrackerKafka.newContactId();
        InboundMessageReceived message = TrackerKafka.inbound(contact, TrackerKafka.newMessageSid(), clock.now());
        scheduler.pause();
        try {
            try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new EventSerializer<>())) {
                producer.send(new ProducerRecord<>(Topics.INBOUND_MESSAGES, contact, message)).get(30, TimeUnit.SECONDS);
            }
            InboundApplyTest.awaitWindow(contact);
            clock.advance(InboundApplyTest.WINDOW.plusSeconds(1));
            asViewer().get("/contacts/{id}/window", contact).then().body("state", equalTo("CLOSED"));
            OwnBroker.kill();
            try {
                scheduler.resume();
                // the engine claims the window and sends, but without an acknowledgement nothing is marked
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> pendingExpiries(contact) == 1);
            } finally {
                OwnBroker.start();
            }
        } finally {
            scheduler.resume();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> pendingExpiries(contact) == 0);
        List<ConsumerRecord<String, byte[]>> expired = expiredRecords(bootstrap, contact);
        assertFalse(expired.isEmpty(), "window-expired reached the broker");
        // a re-send after a timed-out acknowledgement carries the same event id
        for (ConsumerRecord<String, byte[]> record : expired) {
            assertEquals(EventIds.windowExpired(contact, message.messageSid()),
                    EventJson.MAPPER.readValue(record.value(), WindowExpired.class).eventId());
        }
    }

    private static List<ConsumerRecord<String, byte[]>> expiredRecords(String bootstrap, String contact) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "broker-outage-test-" + contact,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.WINDOW_EXPIRED));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (contact.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
        }
        return found;
    }

    private long pendingExpiries(String contact) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "select count(*) from contact where contact_id = ? and expiry_due_at is not null")) {
            statement.setString(1, contact);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
