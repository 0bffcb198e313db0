package com.wawindow.sender.messaging;

import com.wawindow.events.MessageStatusChanged;
import com.wawindow.events.Topics;
import com.wawindow.sender.service.DeliveryTracker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@link Topics#MESSAGE_STATUS}: Twilio's status callbacks for what this service sent. */
@ApplicationScoped
public class MessageStatusConsumer {

    @Inject
    DeliveryTracker deliveries;

    @Incoming("message-status")
    @Blocking
    public void onStatus(MessageStatusChanged status) {
        deliveries.onStatus(status);
    }
}
