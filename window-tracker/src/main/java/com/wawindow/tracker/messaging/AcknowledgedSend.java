package com.wawindow.tracker.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * Sends a keyed record and tells when the broker acknowledged it (acks=all) or refused it. The emitters are bounded
 * ({@code OnOverflow.Strategy.BUFFER} with a size): a send beyond the bound fails at once, as a refused record.
 */
final class AcknowledgedSend {

    private AcknowledgedSend() {
    }

    static <T> CompletableFuture<Void> send(Emitter<T> emitter, String key, T payload, List<RecordHeader> headers) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key)
                .withHeaders(headers)
                .build();
        try {
            emitter.send(Message.of(payload, Metadata.of(metadata),
                    () -> {
                        acknowledged.complete(null);
                        return CompletableFuture.completedFuture(null);
                    },
                    failure -> {
                        acknowledged.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    }));
        } catch (RuntimeException overflowOrClosed) {
            acknowledged.completeExceptionally(overflowOrClosed);
        }
        return acknowledged;
    }
}
