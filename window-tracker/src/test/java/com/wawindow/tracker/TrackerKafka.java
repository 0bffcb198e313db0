package com.wawindow.tracker;

import com.wawindow.events.ConsentChange;
import com.wawindow.events.EventIds;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.events.serde.EventSerializer;
import com.wawindow.infra.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The tests' side of the broker: publishes inbound messages as ingest-service does, and records everything the
 * tracker writes to its output topics (from the start of the test broker, so no record is missed).
 */
public final class TrackerKafka {


    private final KafkaProducer<String, Object> events;
    private final KafkaProducer<String, byte[]> raw;
    private final ConcurrentLinkedQueue<ConsumerRecord<String, byte[]>> received = new ConcurrentLinkedQueue<>();

    private TrackerKafka() {
        String bootstrap = TestInfrastructure.get().bootstrapServers();
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5);
        events = new KafkaProducer<>(producerConfig, new StringSerializer(), new EventSerializer<>());
        raw = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
        Thread recorder = new Thread(() -> record(bootstrap), "tracker-test-recorder");
        recorder.setDaemon(true);
        recorder.start();
    }

    /** Started on first use, so a test that only borrows the static helpers below starts no shared broker. */
    public static TrackerKafka get() {
        return Holder.INSTANCE;
    }

    private static final class Holder {
        private static final TrackerKafka INSTANCE = new TrackerKafka();
    }

    /** A fresh E.164 contact id, so tests never see each other's contacts. */
    public static String newContactId() {
        return "+62" + ThreadLocalRandom.current().nextLong(8_100_000_000L, 8_999_999_999L);
    }


    public static InboundMessageReceived inbound(String contactId, String messageSid, Instant receivedAt) {
        return inbound(contactId, messageSid, receivedAt, ConsentChange.NONE, null);
    }

    public static InboundMessageReceived inbound(String contactId, String messageSid, Instant receivedAt,
            ConsentChange consent, InboundMessageReceived.Referral referral) {
        return new InboundMessageReceived(EventIds.inboundMessage(messageSid), InboundMessageReceived.CURRENT_VERSION,
                receivedAt, contactId, messageSid, "AC00000000000000000000000000000000", null,
                "whatsapp:" + contactId, "whatsapp:+14155238886", "hello", "Budi", contactId.substring(1), null, "text",
                0, List.of(), null, null, null, null, referral, consent, Map.of());
    }

    public static String newMessageSid() {
        return "SM" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + Long.toHexString(System.nanoTime());
    }

    public void publish(InboundMessageReceived message) {
        try {
            events.send(new ProducerRecord<>(Topics.INBOUND_MESSAGES, message.contactId(), message)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not take an inbound message", e);
        }
    }

    /** For bulk loads: sends without waiting; {@link #flush()} waits for all. */
    public void publishAsync(InboundMessageReceived message) {
        events.send(new ProducerRecord<>(Topics.INBOUND_MESSAGES, message.contactId(), message));
    }

    public void flush() {
        events.flush();
    }

    public void publishRaw(String key, byte[] value) {
        try {
            raw.send(new ProducerRecord<>(Topics.INBOUND_MESSAGES, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the test broker did not take a raw record", e);
        }
    }

    /** Records the tracker wrote to {@code topic} with this key, in the order they arrived. */
    public List<ConsumerRecord<String, byte[]>> records(String topic, String key) {
        return received.stream().filter(r -> r.topic().equals(topic) && key.equals(r.key())).toList();
    }

    public List<ConsumerRecord<String, byte[]>> records(String topic) {
        return received.stream().filter(r -> r.topic().equals(topic)).toList();
    }

    private void record(String bootstrap) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "tracker-test-recorder-" + TestInfrastructure.get().runId(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.WINDOW_EXPIRED, Topics.WINDOW_EXPIRING_SOON, Topics.INBOUND_MESSAGES_DLQ));
            while (true) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
    }
}
