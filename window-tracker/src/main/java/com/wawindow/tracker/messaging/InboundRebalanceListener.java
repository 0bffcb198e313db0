package com.wawindow.tracker.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells {@link InboundProgress} which inbound partitions this instance owns, as the group assigns and revokes them
 * (the inbound channel's {@code consumer-rebalance-listener.name}).
 */
@ApplicationScoped
@Identifier(InboundRebalanceListener.NAME)
public class InboundRebalanceListener implements KafkaConsumerRebalanceListener {

    static final String NAME = "inbound-messages-rebalance";

    private final InboundProgress progress;

    public InboundRebalanceListener(InboundProgress progress) {
        this.progress = progress;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        progress.assigned(partitions);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        progress.revoked(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        progress.revoked(partitions);
    }
}
