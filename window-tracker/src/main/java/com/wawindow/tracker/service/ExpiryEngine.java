package com.wawindow.tracker.service;

import com.wawindow.events.EventIds;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.WindowExpiringSoon;
import com.wawindow.tracker.config.TrackerConfig;
import com.wawindow.tracker.messaging.WindowEventPublisher;
import com.wawindow.tracker.repository.ContactRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Emits the events owed for windows whose deadline passed. Each call claims one batch of due rows with
 * {@code FOR UPDATE SKIP LOCKED}, sends their events, waits for the broker's acknowledgements and only then
 * clears the deadlines, all in one transaction: a crash before the commit leaves the deadlines pending (the
 * next scan, here or in another instance, sends again with the same event id), and concurrent instances never
 * hold the same row.
 */
@ApplicationScoped
public class ExpiryEngine {

    private final ContactRepository contacts;
    private final WindowEventPublisher publisher;
    private final TrackerConfig config;
    private final Timer expiredLateness;
    private final Timer expiringSoonLateness;

    public ExpiryEngine(ContactRepository contacts, WindowEventPublisher publisher, TrackerConfig config,
            MeterRegistry registry) {
        this.contacts = contacts;
        this.publisher = publisher;
        this.config = config;
        this.expiredLateness = lateness(registry, "window-expired");
        this.expiringSoonLateness = lateness(registry, "window-expiring-soon");
    }

    /** @return how many windows were settled; fewer than the batch size when nothing more is due or a send failed */
    @Transactional
    public int emitDueExpirations(Instant now) {
        List<DueWindow> due = contacts.claimExpired(now, config.expiry().batchSize());
        List<String> emitted = send(due, window -> publisher.publish(expiredEvent(window, now)), expiredLateness);
        if (!emitted.isEmpty()) {
            contacts.markExpiredEmitted(emitted, Instant.now());
        }
        return emitted.size();
    }

    /**
     * Same contract as {@link #emitDueExpirations(Instant)}. A notice only makes sense while the window is open: one that came due while the tracker was down and
     * whose window has closed since is dropped, and the window-expired event tells the rest.
     */
    @Transactional
    public int emitDueExpiringSoon(Instant now) {
        List<DueWindow> due = contacts.claimExpiringSoon(now, config.expiry().batchSize());
        List<DueWindow> stillOpen = due.stream().filter(w -> w.windowExpiresAt().isAfter(now)).toList();
        List<String> done = new ArrayList<>(send(stillOpen, window -> publisher.publish(expiringSoonEvent(window, now)),
                expiringSoonLateness));
        due.stream().filter(w -> !w.windowExpiresAt().isAfter(now)).map(DueWindow::contactId).forEach(done::add);
        if (!done.isEmpty()) {
            contacts.markExpiringSoonDone(done);
        }
        return done.size();
    }

    private List<String> send(List<DueWindow> windows, Function<DueWindow, CompletableFuture<Void>> publish, Timer lateness) {
        List<CompletableFuture<Void>> sends = windows.stream().map(publish).toList();
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(config.expiry().sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Log.warnf("some window events were not acknowledged, their windows stay pending: %s", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Instant acknowledgedAt = Instant.now();
        List<String> acknowledged = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            CompletableFuture<Void> send = sends.get(i);
            if (send.isDone() && !send.isCompletedExceptionally()) {
                DueWindow window = windows.get(i);
                acknowledged.add(window.contactId());
                lateness.record(Duration.between(window.dueAt(), acknowledgedAt));
            }
        }
        return acknowledged;
    }

    private static WindowExpired expiredEvent(DueWindow window, Instant now) {
        return new WindowExpired(EventIds.windowExpired(window.contactId(), window.openingMessageSid()),
                WindowExpired.CURRENT_VERSION, window.contactId(), window.contactAddress(), window.businessAddress(),
                window.profileName(), window.lastMessageAt(), window.windowExpiresAt(), window.openingMessageSid(),
                window.optedOut(), window.entryPointExpiresAt() != null && window.entryPointExpiresAt().isAfter(now));
    }

    private static WindowExpiringSoon expiringSoonEvent(DueWindow window, Instant now) {
        return new WindowExpiringSoon(EventIds.windowExpiringSoon(window.contactId(), window.openingMessageSid()),
                WindowExpiringSoon.CURRENT_VERSION, window.contactId(), window.contactAddress(), window.businessAddress(),
                window.profileName(), window.lastMessageAt(), window.windowExpiresAt(), now, window.openingMessageSid(),
                window.optedOut());
    }

    private static Timer lateness(MeterRegistry registry, String event) {
        return Timer.builder("window.event.lateness")
                .description("Broker acknowledgement time minus the deadline the event was due at")
                .tag("event", event)
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }
}
