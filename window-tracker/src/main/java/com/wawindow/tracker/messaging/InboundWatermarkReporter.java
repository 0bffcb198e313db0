package com.wawindow.tracker.messaging;

import com.wawindow.events.Topics;
import com.wawindow.support.database.DatabaseAvailability;
import com.wawindow.support.instance.InstanceTag;
import com.wawindow.tracker.config.TrackerConfig;
import com.wawindow.tracker.service.InboundWatermark;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.Config;

/**
 * Reports, every {@code INBOUND_WATERMARK_INTERVAL}, how far this instance has applied each inbound partition it owns
 * ({@link InboundWatermark}). A partition whose handled offset has reached the end offset the broker gave is applied
 * through the instant just before that question was asked: anything appended later is newer. A partition with a
 * backlog is applied through its last handled record's timestamp. Partitions owned by nobody keep their last report, so
 * while a tracker is down and its partitions are not yet re-assigned, expiry waits for them.
 *
 * <p>It asks the broker through a consumer of its own that never joins the group (it only reads end and committed
 * offsets), on its own thread: the channel's consumer answers only between two polls, up to a poll timeout apart on
 * an idle topic, and that wait was added to every window's expiry.
 */
@ApplicationScoped
public class InboundWatermarkReporter {

    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(2);
    private static final String CHANNEL = "mp.messaging.incoming." + Channels.INBOUND_MESSAGES + ".";

    private final InboundProgress progress;
    private final InboundWatermark watermark;
    private final DatabaseAvailability database;
    private final InstanceTag instance;
    private final Clock clock;
    private final Duration interval;
    private final String topic;
    private final Map<String, Object> brokerConfig;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "inbound-watermark"));
    /** Only ever used on {@link #timer}'s thread; null until the first report. */
    private KafkaConsumer<byte[], byte[]> offsets;
    private volatile boolean stopping;

    public InboundWatermarkReporter(InboundProgress progress, InboundWatermark watermark, DatabaseAvailability database,
            InstanceTag instance, Clock clock, TrackerConfig trackerConfig, Config config) {
        this.progress = progress;
        this.watermark = watermark;
        this.database = database;
        this.instance = instance;
        this.clock = clock;
        this.interval = trackerConfig.inbound().watermarkInterval();
        this.topic = config.getOptionalValue(CHANNEL + "topic", String.class).orElse(Topics.INBOUND_MESSAGES);
        String servers = config.getOptionalValue(CHANNEL + "bootstrap.servers", String.class)
                .orElseGet(() -> config.getValue("kafka.bootstrap.servers", String.class));
        String group = config.getValue(CHANNEL + "group.id", String.class);
        this.brokerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "inbound-watermark-" + instance.id(),
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis(),
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
    }

    void start(@Observes StartupEvent startup) {
        timer.scheduleWithFixedDelay(this::reportSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        timer.shutdownNow();
        try {
            if (timer.awaitTermination(BROKER_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS) && offsets != null) {
                offsets.close(Duration.ZERO);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
        if (offsets == null) {
            offsets = new KafkaConsumer<>(brokerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        Set<Integer> owned = progress.owned();
        Instant askedAt = clock.instant();
        int partitionCount = offsets.partitionsFor(topic, BROKER_TIMEOUT).size();
        List<TopicPartition> partitions = owned.stream().map(p -> new TopicPartition(topic, p)).toList();
        Map<TopicPartition, Long> ends = partitions.isEmpty() ? Map.of() : offsets.endOffsets(partitions, BROKER_TIMEOUT);
        // the committed offset only matters where this instance has handled nothing yet (just assigned, or idle)
        Set<TopicPartition> unknown = partitions.stream().filter(p -> progress.of(p.partition()).isEmpty())
                .collect(Collectors.toSet());
        Map<TopicPartition, OffsetAndMetadata> committed = unknown.isEmpty() ? Map.of()
                : offsets.committed(unknown, BROKER_TIMEOUT);
        Map<Integer, Instant> appliedThrough = new HashMap<>();
        Set<Integer> stillOwned = progress.owned();
        ends.forEach((partition, end) -> {
            if (!stillOwned.contains(partition.partition())) {
                return; // revoked meanwhile: its new owner reports it
            }
            InboundProgress.Position handled = progress.of(partition.partition()).orElse(null);
            OffsetAndMetadata commit = committed.get(partition);
            long next = Math.max(handled == null ? 0 : handled.nextOffset(), commit == null ? 0 : commit.offset());
            if (next >= end) {
                appliedThrough.put(partition.partition(), askedAt);
            } else if (handled != null) {
                appliedThrough.put(partition.partition(), handled.lastTimestamp());
            }
        });
        if (partitionCount > 0 && database.isAvailable()) {
            watermark.report(partitionCount, appliedThrough, instance.id());
        }
    }
}
