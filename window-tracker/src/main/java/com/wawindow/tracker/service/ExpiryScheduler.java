package com.wawindow.tracker.service;

import com.wawindow.support.database.DatabaseAvailability;
import com.wawindow.tracker.config.TrackerConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Runs the expiry engine every {@code EXPIRY_POLL_INTERVAL}, first right after startup, so windows that came due
 * while the tracker was down go out at once. Each run drains everything due, a batch per transaction; notices
 * before closes, so a contact's expiring-soon always precedes its window-expired.
 *
 * <p>While PostgreSQL does not answer, scans pause and resume by themselves once it does ({@link DatabaseAvailability}).
 *
 * <p>Threads of its own rather than {@code @Scheduled}: Quarkus' simple scheduler has a one-second floor, and
 * the poll interval is what bounds lateness.
 */
@ApplicationScoped
public class ExpiryScheduler {

    private final ExpiryEngine engine;
    private final WindowEventSink publisher;
    private final TrackerConfig config;
    private final Clock clock;
    private final DatabaseAvailability database;
    private final ScheduledExecutorService timer;
    /** Scans hold it shared, {@link #pause()} exclusively: pausing waits for the scans in progress. */
    private final ReadWriteLock pauseLock = new ReentrantReadWriteLock();
    private volatile boolean paused;
    /** Latched: once wired, a channel stays wired; asking again each scan reads momentary back-pressure as "not yet". */
    private volatile boolean channelsConnected;

    public ExpiryScheduler(ExpiryEngine engine, WindowEventSink publisher, TrackerConfig config, Clock clock,
            DatabaseAvailability database) {
        this.engine = engine;
        this.database = database;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.timer = Executors.newScheduledThreadPool(config.expiry().workers(),
                runnable -> new Thread(runnable, "expiry-scan-" + threads.incrementAndGet()));
    }

    /**
     * Several workers overlap one batch's wait for broker acknowledgements with the next batch's claim; SKIP
     * LOCKED keeps them on different rows, as it does for several tracker instances.
     */
    void start(@Observes StartupEvent startup) {
        long interval = config.expiry().pollInterval().toMillis();
        int workers = config.expiry().workers();
        for (int i = 0; i < workers; i++) {
            // staggered, so a due window waits for the next of several scans rather than one
            timer.scheduleWithFixedDelay(this::scanSafely, i * interval / workers, interval, TimeUnit.MILLISECONDS);
        }
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
    public void pause() {
        pauseLock.writeLock().lock();
        try {
            paused = true;
        } finally {
            pauseLock.writeLock().unlock();
        }
    }

    public void resume() {
        paused = false;
    }

    private void scanSafely() {
        pauseLock.readLock().lock();
        try {
            // a scan before the outgoing channels are wired would claim windows it cannot send
            if (!channelsConnected) {
                channelsConnected = publisher.isConnected();
            }
            // while PostgreSQL is away the scans pause (one WARN, one INFO when it is back): the rows hold what is due
            if (!paused && channelsConnected && database.isAvailable()) {
                scan();
            }
        } catch (RuntimeException | AssertionError e) {
            // caught, never thrown on: an exception would cancel this worker's schedule for good (AssertionError: the
            // PostgreSQL driver asserts on a dead connection where assertions are on, as in tests)
            if (!database.isOutage(e)) {
                Log.errorf(e, "expiry scan failed, the next one retries what is still due");
            }
        } finally {
            pauseLock.readLock().unlock();
        }
    }

    private void scan() {
        Instant now = clock.instant();
        int batchSize = config.expiry().batchSize();
        while (engine.emitDueExpiringSoon(now) == batchSize) {
            // a full batch: more may be due
        }
        while (engine.emitDueExpirations(now) == batchSize) {
            // a full batch: more may be due
        }
    }
}
