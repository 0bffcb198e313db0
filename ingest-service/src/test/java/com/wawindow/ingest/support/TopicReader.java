package com.wawindow.ingest.support;

import static org.awaitility.Awaitility.await;

import com.wawindow.infra.TestInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its beginning with a consumer group of its own, so what a test sees is what the broker
 * holds, not what another consumer left.
 */
public final class TopicReader<T> implements AutoCloseable {

    private final KafkaConsumer<String, T> consumer;
    private final List<ConsumerRecord<String, T>> seen = new ArrayList<>();

    /** Reads the broker the tests share. */
    public TopicReader(String topic, Deserializer<T> valueDeserializer) {
        this(TestInfrastructure.get().bootstrapServers(), topic, valueDeserializer);
    }

    public TopicReader(String bootstrapServers, String topic, Deserializer<T> valueDeserializer) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "ingest-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), valueDeserializer);
        consumer.subscribe(List.of(topic));
    }

    /** Polls until a record matching {@code until} arrived; returns every record seen so far. */
    public List<ConsumerRecord<String, T>> readUntil(Predicate<ConsumerRecord<String, T>> until, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(10)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().anyMatch(until);
        });
        return List.copyOf(seen);
    }

    /** Polls until {@code count} records matching {@code matching} arrived; returns those. */
    public List<ConsumerRecord<String, T>> awaitMatching(Predicate<ConsumerRecord<String, T>> matching, int count) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().filter(matching).count() >= count;
        });
        return seen.stream().filter(matching).toList();
    }

    /** The first record matching {@code wanted}, waiting for it. */
    public ConsumerRecord<String, T> find(Predicate<ConsumerRecord<String, T>> wanted) {
        return readUntil(wanted, Duration.ofSeconds(30)).stream().filter(wanted).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
