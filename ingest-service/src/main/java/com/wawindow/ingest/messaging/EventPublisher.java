package com.wawindow.ingest.messaging;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.MessageStatusChanged;
import com.wawindow.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Hands events to Kafka, keyed by contact id. The returned {@link Uni} completes only when the broker acknowledged
 * the record (acks=all, idempotent producer) and fails when it was refused or could not be buffered.
 */
@ApplicationScoped
public class EventPublisher {

    /** Webhooks waiting for the producer beyond this are refused at once instead of queueing without bound. */
    private static final long PENDING_LIMIT = 16_384;

    private final MutinyEmitter<InboundMessageReceived> inboundMessages;
    private final MutinyEmitter<MessageStatusChanged> messageStatus;

    public EventPublisher(
            @Channel(Topics.INBOUND_MESSAGES) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = PENDING_LIMIT)
            MutinyEmitter<InboundMessageReceived> inboundMessages,
            @Channel(Topics.MESSAGE_STATUS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = PENDING_LIMIT)
            MutinyEmitter<MessageStatusChanged> messageStatus) {
        this.inboundMessages = inboundMessages;
        this.messageStatus = messageStatus;
    }

    public Uni<Void> publish(InboundMessageReceived event) {
        return send(inboundMessages, event, event.contactId());
    }

    public Uni<Void> publish(MessageStatusChanged event) {
        return send(messageStatus, event, event.contactId());
    }

    private static <T> Uni<Void> send(MutinyEmitter<T> emitter, T event, String key) {
        // deferred: an emitter that throws (buffer full, channel down) fails this Uni instead of the caller
        return Uni.createFrom().deferred(() -> emitter.sendMessage(Message.of(event)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())));
    }
}
