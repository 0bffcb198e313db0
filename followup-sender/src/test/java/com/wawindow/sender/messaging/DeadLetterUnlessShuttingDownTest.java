package com.wawindow.sender.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

/** A record the shutdown cut short is left unacknowledged; every other failure goes to the dead-letter queue. */
class DeadLetterUnlessShuttingDownTest {

    private final List<Throwable> deadLettered = new CopyOnWriteArrayList<>();
    private final KafkaFailureHandler handler = DeadLetterUnlessShuttingDown.of(new KafkaFailureHandler() {
        @Override
        public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
            deadLettered.add(reason);
            return Uni.createFrom().voidItem();
        }
    });

    @Test
    void aRecordTheShutdownInterruptedIsNeitherDeadLetteredNorAcknowledged() {
        RecordIntake.ShuttingDown stopped = new RecordIntake.ShuttingDown(new InterruptedException());
        CompletableFuture<Void> outcome = handler.handle(null, new CompletionException(stopped), Metadata.empty())
                .subscribeAsCompletionStage();
        assertFalse(outcome.isDone(), "the nack never completes, so the throttled commit never passes the record");
        assertEquals(List.of(), deadLettered);
    }

    @Test
    void everyOtherFailureGoesToTheDeadLetterQueue() {
        RuntimeException invalid = new UnprocessableRecord("empty record");
        IllegalStateException failing = new IllegalStateException("fails while the database answers");
        assertTrue(handler.handle(null, invalid, Metadata.empty()).subscribeAsCompletionStage().isDone());
        assertTrue(handler.handle(null, failing, Metadata.empty()).subscribeAsCompletionStage().isDone());
        assertEquals(List.of(invalid, failing), deadLettered);
    }
}
