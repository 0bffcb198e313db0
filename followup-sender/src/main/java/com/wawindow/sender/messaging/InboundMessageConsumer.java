package com.wawindow.sender.messaging;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.events.serde.EventDeserializer.InboundMessageReceivedDeserializer;
import com.wawindow.sender.service.InboundService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@link Topics#INBOUND_MESSAGES}, in this service's own consumer group: consent changes and replies
 * ({@link InboundService}), in partition order. A record that cannot be decoded or applied goes to
 * {@link Topics#INBOUND_MESSAGES_DLQ}; a database outage is waited out ({@link RecordIntake}).
 */
@ApplicationScoped
public class InboundMessageConsumer {

    /** The channel (its topic, group and DLQ are in application.properties). */
    public static final String CHANNEL = "inbound-messages";

    private final InboundMessageReceivedDeserializer deserializer = new InboundMessageReceivedDeserializer();
    private final InboundService inbound;
    private final RecordIntake intake;

    public InboundMessageConsumer(InboundService inbound, RecordIntake intake) {
        this.inbound = inbound;
        this.intake = intake;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onInbound(ConsumerRecord<String, byte[]> record) {
        intake.handle(Topics.INBOUND_MESSAGES, () -> {
            InboundMessageReceived message = RecordIntake.decode(record, deserializer, InboundMessageConsumer::problemWith);
            intake.applyWaitingForTheDatabase(() -> inbound.onInbound(message));
        });
    }

    static String problemWith(InboundMessageReceived message) {
        if (RecordIntake.isBlank(message.contactId())) {
            return "no contactId";
        }
        if (RecordIntake.isBlank(message.messageSid())) {
            return "no messageSid";
        }
        return message.receivedAt() == null ? "no receivedAt" : null;
    }
}
