package com.wawindow.tracker.service;

import com.wawindow.events.WindowExpired;
import com.wawindow.events.WindowExpiringSoon;
import java.util.concurrent.CompletableFuture;

/** Where the expiry engine's events go (the messaging layer implements it); each send completes on the broker's ack. */
public interface WindowEventSink {

    /** True once the outgoing channels are wired; before that a send would fail. */
    boolean isConnected();

    CompletableFuture<Void> publish(WindowExpired event);

    CompletableFuture<Void> publish(WindowExpiringSoon event);
}
