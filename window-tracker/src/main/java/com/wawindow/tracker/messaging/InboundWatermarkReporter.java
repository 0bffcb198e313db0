package com.wawindow.tracker.messaging;

import com.wawindow.events.Topics;
import com.wawindow.support.database.DatabaseAvailability;
import com.wawindow.support.instance.InstanceTag;
import com.wawindow.tracker.config.TrackerConfig;
import com.wawindow.tracker.service.InboundWatermark;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reports, every {@code INBOUND_WATERMARK_INTERVAL}, how far this instance has applied each inbound partition it owns
 * ({@link InboundWatermark}). A partition whose handled offset has reached the end offset the broker gave is applied
 * through the instant just before that question was asked: anything appended later is newer. A partition with a
 * backlog is applied through its last handled record's timestamp. Partitions owned by nobody keep their last report, so
 * while a tracker is down and its partitions are not yet re-assigned, expiry waits for them.
 */
@ApplicationScoped
public class InboundWatermarkReporter {

    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(2);

    private final KafkaClientService kafka;
    private final InboundProgress progress;
    private final InboundWatermark watermark;
    private final DatabaseAvailability database;
    private final InstanceTag instance;
    private final Clock clock;
    private final Duration interval;
    private final String topic;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "inbound-watermark"));
    private volatile boolean stopping;

    public InboundWatermarkReporter(KafkaClientService kafka, InboundProgress progress, InboundWatermark watermark,
            DatabaseAvailability database, InstanceTag instance, Clock clock, TrackerConfig config,
            @ConfigProperty(name = "mp.messaging.incoming.inbound-messages.topic", defaultValue = Topics.INBOUND_MESSAGES)
            String topic) {
        this.kafka = kafka;
        this.progress = progress;
        this.watermark = watermark;
        this.database = database;
        this.instance = instance;
        this.clock = clock;
        this.interval = config.inbound().watermarkInterval();
        this.topic = topic;
    }

    void start(@Observes StartupEvent startup) {
        timer.scheduleWithFixedDelay(this::reportSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        timer.shutdownNow();
    }

    private void reportSafely() {
        try {
            report();
        } catch (RuntimeException e) {
            if (stopping) {
                return; // interrupted by the shutdown: not an outage, and probing the database now would report one
            }
            // the broker or the database is away: the watermark stays where it was, so expiry waits; the next run retries
            if (!database.isOutage(e)) {
                Log.debugf("inbound watermark not reported: %s", e.toString());
            }
        }
    }

    void report() {
        KafkaConsumer<Object, Object> consumer = kafka.getConsumer(Channels.INBOUND_MESSAGES);
        if (consumer == null) {
            return; // the channel is not started yet
        }
        Instant askedAt = clock.instant();
        Offsets offsets = consumer.runOnPollingThread(this::offsets).await().atMost(BROKER_TIMEOUT.multipliedBy(3));
        Map<Integer, Instant> appliedThrough = new HashMap<>();
        offsets.ends().forEach((partition, end) -> {
            InboundProgress.Position handled = progress.of(partition).orElse(null);
            long next = Math.max(handled == null ? 0 : handled.nextOffset(), offsets.committed().getOrDefault(partition, 0L));
            if (next >= end) {
                appliedThrough.put(partition, askedAt);
            } else if (handled != null) {
                appliedThrough.put(partition, handled.lastTimestamp());
            }
        });
        if (offsets.partitionCount() > 0 && database.isAvailable()) {
            watermark.report(offsets.partitionCount(), appliedThrough, instance.id());
        }
    }

    /** On the consumer's polling thread: the topic's size, and the end and committed offsets of the owned partitions. */
    private Offsets offsets(Consumer<Object, Object> consumer) {
        Set<TopicPartition> owned = consumer.assignment();
        int partitionCount = consumer.partitionsFor(topic, BROKER_TIMEOUT).size();
        Map<Integer, Long> ends = new HashMap<>();
        consumer.endOffsets(owned, BROKER_TIMEOUT).forEach((partition, end) -> ends.put(partition.partition(), end));
        // the committed offset only matters where this instance has handled nothing yet (just assigned, or idle)
        Set<TopicPartition> unknown = owned.stream().filter(partition -> progress.of(partition.partition()).isEmpty())
                .collect(Collectors.toSet());
        Map<Integer, Long> committed = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = unknown.isEmpty() ? Map.of()
                : consumer.committed(unknown, BROKER_TIMEOUT);
        offsets.forEach((partition, offset) -> {
            if (offset != null) {
                committed.put(partition.partition(), offset.offset());
            }
        });
        return new Offsets(partitionCount, ends, committed);
    }

    private record Offsets(int partitionCount, Map<Integer, Long> ends, Map<Integer, Long> committed) {
    }
}
