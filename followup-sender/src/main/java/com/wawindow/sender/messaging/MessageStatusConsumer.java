package com.wawindow.sender.messaging;

import com.wawindow.events.MessageStatusChanged;
import com.wawindow.events.Topics;
import com.wawindow.sender.service.DeliveryTracker;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@link Topics#MESSAGE_STATUS}: Twilio's status callbacks for what this service sent; failures to {@link Topics#MESSAGE_STATUS_DLQ}. */
@ApplicationScoped
public class MessageStatusConsumer {

    /** The channel (its topic, group and DLQ are in application.properties). */
    public static final String CHANNEL = "message-status";

    private final DeliveryTracker deliveries;

    public MessageStatusConsumer(DeliveryTracker deliveries) {
        this.deliveries = deliveries;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onStatus(MessageStatusChanged status) {
        deliveries.onStatus(status);
    }
}
