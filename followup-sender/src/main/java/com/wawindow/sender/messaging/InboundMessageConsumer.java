package com.wawindow.sender.messaging;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.sender.service.InboundService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@link Topics#INBOUND_MESSAGES}, in this service's own consumer group: consent changes and replies
 * ({@link InboundService}). A record that cannot be applied goes to {@link Topics#INBOUND_MESSAGES_DLQ}.
 */
@ApplicationScoped
public class InboundMessageConsumer {

    /** The channel (its topic, group and DLQ are in application.properties). */
    public static final String CHANNEL = "inbound-messages";

    private final InboundService inbound;

    public InboundMessageConsumer(InboundService inbound) {
        this.inbound = inbound;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onInbound(InboundMessageReceived message) {
        inbound.onInbound(message);
    }
}
