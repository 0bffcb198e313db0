package com.wawindow.tracker.service;

import com.wawindow.tracker.config.TrackerConfig;
import com.wawindow.tracker.messaging.WindowEventPublisher;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the expiry engine every {@code EXPIRY_POLL_INTERVAL}, first right after startup, so windows that came due
 * while the tracker was down go out at once. Each run drains everything due, a batch per transaction; notices
 * before closes, so a contact's expiring-soon always precedes its window-expired.
 *
 * <p>A thread of its own rather than {@code @Scheduled}: Quarkus' simple scheduler has a one-second floor, and
 * the poll interval is what bounds lateness.
 */
@ApplicationScoped
public class ExpiryScheduler {

    private final ExpiryEngine engine;
    private final WindowEventPublisher publisher;
    private final TrackerConfig config;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "expiry-scan"));
    private boolean paused;

    public ExpiryScheduler(ExpiryEngine engine, WindowEventPublisher publisher, TrackerConfig config) {
        this.engine = engine;
        this.publisher = publisher;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        timer.scheduleWithFixedDelay(this::scanSafely, 0, config.expiry().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets a running scan finish its batch before the database and broker clients close. */
    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        timer.shutdown();
        if (!timer.awaitTermination(config.expiry().sendTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
            timer.shutdownNow();
        }
    }

    /**
     * Stops emitting (deadlines keep accumulating in the database) until {@link #resume()}, e.g. during broker
     * maintenance. Returns once no scan is running.
     */
    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
    }

    private synchronized void scanSafely() {
        // a scan before the outgoing channels are wired would claim windows it cannot send
        if (paused || !publisher.isConnected()) {
            return;
        }
        try {
            scan();
        } catch (RuntimeException e) {
            Log.errorf(e, "expiry scan failed, the next one retries what is still due");
        }
    }

    private void scan() {
        Instant now = Instant.now();
        int batchSize = config.expiry().batchSize();
        while (engine.emitDueExpiringSoon(now) == batchSize) {
            // a full batch: more may be due
        }
        while (engine.emitDueExpirations(now) == batchSize) {
            // a full batch: more may be due
        }
    }
}
