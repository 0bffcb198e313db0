package com.wawindow.sender.service;

import com.wawindow.events.Topics;
import com.wawindow.support.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Re-drives a dead-letter topic into its topic once the cause is fixed: every record {@code <topic>.dlq} holds past
 * what was re-driven before (consumer group {@code followup-sender-redrive}), up to its end when the call started,
 * is published again to {@code <topic>} with its key, value and headers (plus {@code redriven-from}), and only after
 * the broker acknowledged them all are the dead-letter offsets committed. A record re-driven twice (a crash between
 * the two steps, two calls at once) is de-duplicated downstream as any redelivery: window-expired by the dispatch key,
 * inbound messages by MessageSid, status callbacks forward only. A record still undecodable goes back to the DLQ.
 */
@ApplicationScoped
public class DeadLetterRedrive {

    /** The topics this service consumes, hence whose dead-letter topics it writes. */
    static final Set<String> TOPICS = Set.of(Topics.WINDOW_EXPIRED, Topics.INBOUND_MESSAGES, Topics.MESSAGE_STATUS,
            Topics.WINDOW_EXPIRING_SOON);
    static final String GROUP = "followup-sender-redrive";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** What a re-drive did. */
    public record Redrive(String topic, String deadLetterTopic, int redriven) {
    }

    private final String bootstrapServers;

    public DeadLetterRedrive(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public synchronized Redrive redrive(String topic) {
        if (!TOPICS.contains(topic)) {
            throw new ProblemException(SenderProblems.UNKNOWN_TOPIC, "followup-sender writes dead letters of "
                    + TOPICS.stream().sorted().toList() + " only, not of '" + topic + "'");
        }
        String deadLetterTopic = Topics.deadLetterOf(topic);
        try (KafkaConsumer<String, byte[]> consumer = consumer(); KafkaProducer<String, byte[]> producer = producer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetterTopic, DEADLINE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, DEADLINE);
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, DEADLINE) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new ProblemException(SenderProblems.BROKER_UNAVAILABLE,
                            deadLetterTopic + " was not read to its end within " + DEADLINE + "; nothing committed, try again");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    ProducerRecord<String, byte[]> again = new ProducerRecord<>(topic, record.key(), record.value());
                    for (Header header : record.headers()) {
                        again.headers().add(header);
                    }
                    again.headers().add("redriven-from", (deadLetterTopic + "-" + record.partition() + "@" + record.offset())
                            .getBytes(StandardCharsets.UTF_8));
                    sends.add(producer.send(again));
                    done.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                }
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            }
            if (!done.isEmpty()) {
                consumer.commitSync(done, DEADLINE);
            }
            Log.infof("re-drove %d record(s) from %s into %s", sends.size(), deadLetterTopic, topic);
            return new Redrive(topic, deadLetterTopic, sends.size());
        } catch (ProblemException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(SenderProblems.BROKER_UNAVAILABLE, "interrupted; nothing committed, try again", e);
        } catch (Exception e) {
            throw new ProblemException(SenderProblems.BROKER_UNAVAILABLE,
                    "re-drive of " + deadLetterTopic + " failed (" + e.getClass().getSimpleName() + "); nothing committed, try again", e);
        }
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true), new StringSerializer(), new ByteArraySerializer());
    }
}
