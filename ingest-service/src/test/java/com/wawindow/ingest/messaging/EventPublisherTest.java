package com.wawindow.ingest.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaProducer;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The publisher's own bookkeeping around the channel's producer, with a producer that answers only when told to (the
 * broker's acknowledgement): the record goes to its topic keyed by contact, the Uni completes on the acknowledgement
 * only, and no more than {@link EventPublisher#PENDING_LIMIT} records wait for the broker; the next is refused at
 * once and, once acknowledgements arrive, records are taken again. The producer itself is the connector's, covered
 * with the real broker by the webhook and broker-outage tests.
 */
class EventPublisherTest {

    private final List<ProducerRecord<?, ?>> sent = new ArrayList<>();
    private final List<UniEmitter<? super RecordMetadata>> acknowledgements = new ArrayList<>();
    private final EventPublisher publisher = new EventPublisher(service(), null, null, null);

    @Test
    void completesOnTheBrokersAcknowledgementOnly() {
        UniAssertSubscriber<Void> published = publisher.publish(event("+6281200000001"))
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        published.assertNotTerminated();
        assertEquals(1, sent.size());
        assertEquals(Topics.INBOUND_MESSAGES, sent.get(0).topic());
        assertEquals("+6281200000001", sent.get(0).key());
        assertEquals(1, publisher.pending());

        acknowledge(0);
        published.assertCompleted();
        assertEquals(0, publisher.pending());
    }

    @Test
    void refusesBeyondThePendingLimitAndTakesRecordsAgainOnceAcknowledged() {
        for (long i = 0; i < EventPublisher.PENDING_LIMIT; i++) {
            publisher.publish(event("+62812" + i)).subscribe().withSubscriber(UniAssertSubscriber.create())
                    .assertNotTerminated();
        }
        UniAssertSubscriber<Void> refused = publisher.publish(event("+6281299999999"))
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        refused.assertFailed();
        assertInstanceOf(IllegalStateException.class, refused.getFailure());
        assertEquals(EventPublisher.PENDING_LIMIT, sent.size(), "the refused record never reached the producer");

        acknowledge(0);
        publisher.publish(event("+6281299999999")).subscribe().withSubscriber(UniAssertSubscriber.create())
                .assertNotTerminated();
        assertEquals(EventPublisher.PENDING_LIMIT + 1, sent.size());
        assertTrue(publisher.pending() <= EventPublisher.PENDING_LIMIT);
    }

    private void acknowledge(int index) {
        acknowledgements.get(index).complete(new RecordMetadata(new TopicPartition(Topics.INBOUND_MESSAGES, 0), 0, 0,
                0, 0, 0));
    }

    @SuppressWarnings("unchecked")
    private KafkaClientService service() {
        KafkaProducer<Object, Object> producer = (KafkaProducer<Object, Object>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {KafkaProducer.class}, (proxy, method, args) -> {
                    if (method.getName().equals("send")) {
                        sent.add((ProducerRecord<?, ?>) args[0]);
                        return Uni.createFrom().emitter(acknowledgements::add);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (KafkaClientService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {KafkaClientService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProducer")) {
                        return producer;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static InboundMessageReceived event(String contactId) {
        return new InboundMessageReceived(UUID.randomUUID(), InboundMessageReceived.CURRENT_VERSION,
                Instant.parse("2026-12-03T07:00:00Z"), contactId, "SM" + UUID.randomUUID().toString().replace("-", ""),
                "AC00000000000000000000000000000001", null, "whatsapp:" + contactId, "whatsapp:+14155238886", "halo",
                null, null, null, "text", 0, null, null, null, null, null, null, null, null);
    }
}
