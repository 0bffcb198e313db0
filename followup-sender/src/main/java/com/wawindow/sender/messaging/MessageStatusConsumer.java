package com.wawindow.sender.messaging;

import com.wawindow.events.MessageStatusChanged;
import com.wawindow.events.Topics;
import com.wawindow.events.serde.EventDeserializer.MessageStatusChangedDeserializer;
import com.wawindow.sender.service.DeliveryTracker;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@link Topics#MESSAGE_STATUS}: Twilio's status callbacks for what this service sent. Undecodable or unapplicable
 * records go to {@link Topics#MESSAGE_STATUS_DLQ}; a database outage is waited out ({@link RecordIntake}).
 */
@ApplicationScoped
public class MessageStatusConsumer {

    /** The channel (its topic, group and DLQ are in application.properties). */
    public static final String CHANNEL = "message-status";

    private final MessageStatusChangedDeserializer deserializer = new MessageStatusChangedDeserializer();
    private final DeliveryTracker deliveries;
    private final RecordIntake intake;

    public MessageStatusConsumer(DeliveryTracker deliveries, RecordIntake intake) {
        this.deliveries = deliveries;
        this.intake = intake;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onStatus(ConsumerRecord<String, byte[]> record) {
        intake.handle(Topics.MESSAGE_STATUS, () -> {
            MessageStatusChanged status = RecordIntake.decode(record, deserializer, MessageStatusConsumer::problemWith);
            intake.applyWaitingForTheDatabase(() -> deliveries.onStatus(status));
        });
    }

    static String problemWith(MessageStatusChanged status) {
        if (RecordIntake.isBlank(status.messageSid())) {
            return "no messageSid";
        }
        return RecordIntake.isBlank(status.status()) ? "no status" : null;
    }
}
