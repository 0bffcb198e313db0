package com.wawindow.tracker.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Which inbound partitions this instance owns, and how far its consumer has handled each (applied, or sent to the
 * dead-letter topic): the offset after the last handled record and that record's timestamp. In memory, so the
 * watermark reporter reads it from its own thread without waiting for the consumer's polling thread: the committed
 * offsets say the same, but only once the throttled commit has run.
 */
@ApplicationScoped
public class InboundProgress {

    /** Everything before {@code nextOffset} is handled; {@code lastTimestamp} is the last handled record's. */
    public record Position(long nextOffset, Instant lastTimestamp) {
    }

    private final Map<Integer, Position> handled = new ConcurrentHashMap<>();
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();

    /** Called by the rebalance listener, on the polling thread, before records of these partitions are polled. */
    void assigned(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> owned.add(partition.partition()));
    }

    /**
     * Called by the rebalance listener when partitions go to another instance: their new owner reports them from now
     * on, and should one come back, its committed offset says where this instance starts again.
     */
    void revoked(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> {
            owned.remove(partition.partition());
            handled.remove(partition.partition());
        });
    }

    /** The partitions this instance owns now. */
    Set<Integer> owned() {
        return Set.copyOf(owned);
    }

    /** Called once a batch is handled, before the method returns to the connector. */
    void handled(ConsumerRecords<?, ?> records) {
        for (TopicPartition partition : records.partitions()) {
            List<? extends ConsumerRecord<?, ?>> batch = records.records(partition);
            ConsumerRecord<?, ?> last = batch.get(batch.size() - 1);
            Position position = new Position(last.offset() + 1, Instant.ofEpochMilli(last.timestamp()));
            handled.merge(partition.partition(), position, (was, now) -> now.nextOffset() >= was.nextOffset() ? now : was);
        }
    }

    public Optional<Position> of(int partition) {
        return Optional.ofNullable(handled.get(partition));
    }
}
