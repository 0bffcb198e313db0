package com.wawindow.tracker.messaging;

import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.WindowExpiringSoon;
import com.wawindow.tracker.service.WindowEventSink;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * The expiry engine's way out: {@link Topics#WINDOW_EXPIRED} and {@link Topics#WINDOW_EXPIRING_SOON}, keyed by
 * contact id. Each send answers when the broker acknowledged the record.
 *
 * <p>Bounded: besides the connector's in-flight records ({@code max-inflight-messages}, 1024 by default) each emitter
 * buffers at most {@link #BUFFER} events; a send beyond that fails at once and its window stays pending in the
 * database, so a broker outage costs no heap, only lateness.
 */
@ApplicationScoped
public class WindowEventPublisher implements WindowEventSink {

    /** Events an emitter holds while the broker does not take them (twice the default batch of 500). */
    static final int BUFFER = 1024;

    private final Emitter<WindowExpired> expired;
    private final Emitter<WindowExpiringSoon> expiringSoon;

    public WindowEventPublisher(
            @Channel(Channels.WINDOW_EXPIRED) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
            Emitter<WindowExpired> expired,
            @Channel(Channels.WINDOW_EXPIRING_SOON) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = BUFFER)
            Emitter<WindowExpiringSoon> expiringSoon) {
        this.expired = expired;
        this.expiringSoon = expiringSoon;
    }

    @Override
    public boolean isConnected() {
        return expired.hasRequests() && expiringSoon.hasRequests();
    }

    @Override
    public CompletableFuture<Void> publish(WindowExpired event) {
        return AcknowledgedSend.send(expired, event.contactId(), event, List.of());
    }

    @Override
    public CompletableFuture<Void> publish(WindowExpiringSoon event) {
        return AcknowledgedSend.send(expiringSoon, event.contactId(), event, List.of());
    }
}
