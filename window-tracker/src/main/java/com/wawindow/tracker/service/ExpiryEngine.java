package com.wawindow.tracker.service;

import com.wawindow.tracker.config.TrackerConfig;
import com.wawindow.tracker.repository.ContactRepository;
import com.wawindow.tracker.repository.DueWindow;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private final WindowEventSink publisher;
    private final WindowPolicy policy;
    private final TrackerConfig config;
    private final Clock clock;
    private final Timer expiredLateness;
    private final Timer expiringSoonLateness;

    public ExpiryEngine(ContactRepository contacts, WindowEventSink publisher, WindowPolicy policy, TrackerConfig config,
            Clock clock, MeterRegistry registry) {
        this.contacts = contacts;
        this.publisher = publisher;
        this.policy = policy;
        this.config = config;
        this.clock = clock;
        this.expiredLateness = lateness(registry, "window-expired");
        this.expiringSoonLateness = lateness(registry, "window-expiring-soon");
    }

    /**
     * @param now the instant the scan decides at: what is due by then is claimed
     * @return how many windows were settled; fewer than the batch size when nothing more is due or a send failed
     */
    @Transactional
    public int emitDueExpirations(Instant now) {
        List<DueWindow> due = contacts.claimExpired(now, config.expiry().batchSize());
        List<String> emitted = send(due, window -> publisher.publish(policy.expiredEvent(window, now)), expiredLateness);
        if (!emitted.isEmpty()) {
            contacts.markExpiredEmitted(emitted, clock.instant());
        }
        return emitted.size();
    }

    /**
     * Same contract as {@link #emitDueExpirations(Instant)}. A notice only makes sense while the window is open: one that
     * came due while the tracker was down and whose window has closed since is dropped ({@link WindowPolicy}), and the
     * window-expired event tells the rest.
     */
    @Transactional
    public int emitDueExpiringSoon(Instant now) {
        List<DueWindow> due = contacts.claimExpiringSoon(now, config.expiry().batchSize());
        List<DueWindow> stillOpen = new ArrayList<>(due.size());
        List<String> done = new ArrayList<>(due.size());
        for (DueWindow window : due) {
            if (policy.expiringSoonNotice(window, now).isPresent()) {
                stillOpen.add(window);
            } else {
                done.add(window.contactId());
            }
        }
        done.addAll(send(stillOpen, window -> publisher.publish(policy.expiringSoonNotice(window, now).orElseThrow()),
                expiringSoonLateness));
        if (!done.isEmpty()) {
            contacts.markExpiringSoonDone(done);
        }
        return done.size();
    }

    /** The earliest pending deadline, notice or close, due or not; empty when nothing is pending. */
    @Transactional
    public Optional<Instant> nextDeadline() {
        return contacts.nextDeadline();
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
        Instant acknowledgedAt = clock.instant();
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

    private static Timer lateness(MeterRegistry registry, String event) {
        return Timer.builder("window.event.lateness")
                .description("Broker acknowledgement time minus the deadline the event was due at")
                .tag("event", event)
                .publishPercentileHistogram()
                .publishPercentiles(0.5, 0.99)
                .register(registry);
    }
}
