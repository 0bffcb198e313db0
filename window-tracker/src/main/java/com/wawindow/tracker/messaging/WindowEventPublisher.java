package com.wawindow.tracker.messaging;

import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.WindowExpiringSoon;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The expiry engine's way out: {@link Topics#WINDOW_EXPIRED} and {@link Topics#WINDOW_EXPIRING_SOON}, keyed by
 * contact id. Each send answers when the broker acknowledged the record.
 */
@ApplicationScoped
public class WindowEventPublisher {

    private final Emitter<WindowExpired> expired;
    private final Emitter<WindowExpiringSoon> expiringSoon;

    public WindowEventPublisher(
            @Channel("window-expired") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<WindowExpired> expired,
            @Channel("window-expiring-soon") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
            Emitter<WindowExpiringSoon> expiringSoon) {
        this.expired = expired;
        this.expiringSoon = expiringSoon;
    }

    /** True once both channels are wired to their Kafka sinks; before that a send would fail. */
    public boolean isConnected() {
        return expired.hasRequests() && expiringSoon.hasRequests();
    }

    public CompletableFuture<Void> publish(WindowExpired event) {
        return AcknowledgedSend.send(expired, event.contactId(), event, List.of());
    }

    public CompletableFuture<Void> publish(WindowExpiringSoon event) {
        return AcknowledgedSend.send(expiringSoon, event.contactId(), event, List.of());
    }
}
