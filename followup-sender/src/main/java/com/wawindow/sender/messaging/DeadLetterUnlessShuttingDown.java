package com.wawindow.sender.messaging;

import com.wawindow.support.failure.Causes;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaConnectorIncomingConfiguration;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * The sender channels' failure strategy ({@code failure-strategy=dead-letter-queue-unless-shutting-down}): the
 * connector's dead-letter queue, except for a record whose work the shutdown cut short ({@link RecordIntake.ShuttingDown}).
 * Such a record stays unacknowledged, so the throttled commit never passes it and the partition's next owner takes it
 * again; with the plain dead-letter queue it went to {@code <topic>.dlq} at every shutdown that found records waiting
 * for the database.
 */
@ApplicationScoped
@Identifier(DeadLetterUnlessShuttingDown.NAME)
public class DeadLetterUnlessShuttingDown implements KafkaFailureHandler.Factory {

    static final String NAME = "dead-letter-queue-unless-shutting-down";

    private final KafkaFailureHandler.Factory deadLetterQueue;

    public DeadLetterUnlessShuttingDown(
            @Identifier(KafkaFailureHandler.Strategy.DEAD_LETTER_QUEUE) KafkaFailureHandler.Factory deadLetterQueue) {
        this.deadLetterQueue = deadLetterQueue;
    }

    @Override
    public KafkaFailureHandler create(KafkaConnectorIncomingConfiguration config, Vertx vertx,
            KafkaConsumer<?, ?> consumer, BiConsumer<Throwable, Boolean> reportFailure) {
        return of(deadLetterQueue.create(config, vertx, consumer, reportFailure));
    }

    /** {@code deadLetters} for every failure but the shutdown's. */
    static KafkaFailureHandler of(KafkaFailureHandler deadLetters) {
        return new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                if (isShutdown(reason)) {
                    return Uni.createFrom().nothing(); // never acknowledged: not committed, taken again after the restart
                }
                return deadLetters.handle(record, reason, metadata);
            }

            @Override
            public void terminate() {
                deadLetters.terminate();
            }
        };
    }

    static boolean isShutdown(Throwable reason) {
        return Causes.any(reason, RecordIntake.ShuttingDown.class);
    }
}
