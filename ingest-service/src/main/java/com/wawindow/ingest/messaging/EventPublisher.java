package com.wawindow.ingest.messaging;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.MessageStatusChanged;
import com.wawindow.events.TemplateApprovalChanged;
import com.wawindow.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Hands events to Kafka, keyed by contact id. The returned {@link Uni} completes only when the broker acknowledged
 * the record (acks=all, idempotent producer) and fails when it was refused or could not be buffered.
 * <p>
 * The records go straight to each channel's producer (the connector's own, with the channel's configuration, health
 * and metrics), not through the channel's emitter: an emitter serialises every caller on one lock and runs the sink
 * under it, so the event loops parked on each other there (JFR: 220 parks, 3.7 s in one benchmark run) and ingest
 * stopped near 900 webhooks per second. The producer's sending thread takes each record from a queue instead. The
 * emitters are still injected: they declare the channels, whose sinks create those producers.
 */
@ApplicationScoped
public class EventPublisher {

    /** Webhooks waiting for the broker beyond this are refused at once instead of queueing without bound. */
    static final long PENDING_LIMIT = 16_384;

    private final KafkaClientService kafka;
    private final AtomicLong pending = new AtomicLong();
    /** Each channel's producer, looked up on its first record (the sinks create them as the channels start). */
    private final Map<String, KafkaProducer<String, ?>> producers = new ConcurrentHashMap<>();

    public EventPublisher(KafkaClientService kafka,
            @Channel(Topics.INBOUND_MESSAGES) MutinyEmitter<InboundMessageReceived> inboundChannel,
            @Channel(Topics.MESSAGE_STATUS) MutinyEmitter<MessageStatusChanged> statusChannel,
            @Channel(Topics.TEMPLATE_CHANGES) MutinyEmitter<TemplateApprovalChanged> templateChannel) {
        this.kafka = kafka;
    }

    public Uni<Void> publish(InboundMessageReceived event) {
        return send(Topics.INBOUND_MESSAGES, event.contactId(), event);
    }

    public Uni<Void> publish(MessageStatusChanged event) {
        return send(Topics.MESSAGE_STATUS, event.contactId(), event);
    }

    /** Keyed by the template, so one template's changes stay in order. */
    public Uni<Void> publish(TemplateApprovalChanged event) {
        return send(Topics.TEMPLATE_CHANGES, event.templateSid(), event);
    }

    /** Records handed to a producer and not yet acknowledged or failed. */
    long pending() {
        return pending.get();
    }

    /** The channel of each event is named as its topic ({@link Topics}). */
    private <T> Uni<Void> send(String channel, String key, T event) {
        // deferred: a missing producer or a full queue fails this Uni instead of the caller
        return Uni.createFrom().deferred(() -> {
            KafkaProducer<String, T> producer = producer(channel);
            if (pending.incrementAndGet() > PENDING_LIMIT) {
                pending.decrementAndGet();
                return Uni.createFrom().failure(new IllegalStateException(
                        PENDING_LIMIT + " events already wait for the broker; this one is refused"));
            }
            return producer.send(new ProducerRecord<>(channel, key, event))
                    .onTermination().invoke(pending::decrementAndGet).replaceWithVoid();
        });
    }

    @SuppressWarnings("unchecked")
    private <T> KafkaProducer<String, T> producer(String channel) {
        KafkaProducer<String, ?> producer = producers.computeIfAbsent(channel, kafka::getProducer);
        if (producer == null) {
            throw new IllegalStateException("the Kafka channel " + channel + " has no producer (yet)");
        }
        return (KafkaProducer<String, T>) producer;
    }
}
