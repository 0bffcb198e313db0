package com.wawindow.tracker.service;

import com.wawindow.support.database.DatabaseAvailability;
import com.wawindow.tracker.config.TrackerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Runs the expiry engine in a continuous loop per worker, first right after startup, so windows that came due while
 * the tracker was down go out at once, as soon as the inbound messages sent before them are applied. Each pass drains
 * everything due, a batch per transaction, each batch deciding at the clock's instant when it starts (not at the pass's
 * start), or at the {@link InboundWatermark} if that is earlier: a window never closes while a reply or a STOP sent
 * before its deadline still waits in inbound-messages (after a database or broker outage, or while a tracker is down),
 * so it is re-opened or opted out first and never followed up by mistake; notice and close batches alternate (a flood of notices
 * does not hold the closes back), and a contact's expiring-soon never follows its window-expired (a notice whose
 * window closed meanwhile is dropped). Then the worker sleeps only until the next pending deadline (the minimum of the
 * partial indexes), at most {@code EXPIRY_POLL_INTERVAL}, which bounds how late a deadline armed meanwhile (or a clock
 * moved in tests) is seen.
 *
 * <p>While PostgreSQL does not answer, passes pause and resume by themselves once it does ({@link DatabaseAvailability}).
 *
 * <p>Threads of its own rather than {@code @Scheduled}: Quarkus' simple scheduler has a one-second floor, and a fixed
 * delay after each pass is what made lateness settle near the cycle length.
 */
@ApplicationScoped
public class ExpiryScheduler {

    /**
     * Least pause when due rows are all held by another worker or wait for the inbound watermark, so a worker does not
     * spin on rows it cannot take yet.
     */
    private static final long SHORT_PAUSE_MILLIS = 20;

    private final ExpiryEngine engine;
    private final InboundWatermark inbound;
    private final WindowEventSink publisher;
    private final TrackerConfig config;
    private final Clock clock;
    private final DatabaseAvailability database;
    private final ExecutorService workers;
    /** Passes hold it shared, {@link #pause()} exclusively: pausing waits for the passes in progress. */
    private final ReadWriteLock pauseLock = new ReentrantReadWriteLock();
    private volatile boolean paused;
    private volatile boolean stopping;
    /** Latched: once wired, a channel stays wired; asking again each pass reads momentary back-pressure as "not yet". */
    private volatile boolean channelsConnected;
    /** The inbound watermark last read, for the lag gauge; null before the first read. */
    private volatile Instant lastWatermark;

    public ExpiryScheduler(ExpiryEngine engine, InboundWatermark inbound, WindowEventSink publisher, TrackerConfig config,
            Clock clock, DatabaseAvailability database, MeterRegistry registry) {
        Gauge.builder("tracker.inbound.watermark.lag", this, ExpiryScheduler::watermarkLagSeconds)
                .description("How far behind now expiry decides: the inbound messages not yet applied everywhere")
                .baseUnit("seconds")
                .register(registry);
        this.engine = engine;
        this.inbound = inbound;
        this.database = database;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.expiry().workers(),
                runnable -> new Thread(runnable, "expiry-scan-" + threads.incrementAndGet()));
    }

    /**
     * Several workers overlap one batch's wait for broker acknowledgements with the next batch's claim; SKIP
     * LOCKED keeps them on different rows, as it does for several tracker instances.
     */
    void start(@Observes StartupEvent startup) {
        for (int i = 0; i < config.expiry().workers(); i++) {
            workers.execute(this::loop);
        }
    }

    /** Lets a running pass finish its batch before the database and broker clients close. */
    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        stopping = true;
        workers.shutdown();
        if (!workers.awaitTermination(config.expiry().sendTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
            workers.shutdownNow();
        }
    }

    /**
     * Stops emitting (deadlines keep accumulating in the database) until {@link #resume()}, e.g. during broker
     * maintenance. Returns once no pass is running.
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

    private void loop() {
        while (!stopping) {
            long pause = passSafely();
            if (pause > 0) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** @return how long to sleep before the next pass, in milliseconds */
    private long passSafely() {
        long interval = config.expiry().pollInterval().toMillis();
        pauseLock.readLock().lock();
        try {
            // a pass before the outgoing channels are wired would claim windows it cannot send
            if (!channelsConnected) {
                channelsConnected = publisher.isConnected();
            }
            // while PostgreSQL is away the passes pause (one WARN, one INFO when it is back): the rows hold what is due
            if (!paused && channelsConnected && database.isAvailable()) {
                return pass(interval);
            }
        } catch (RuntimeException | AssertionError e) {
            // caught, never thrown on: an exception would end this worker for good (AssertionError: the
            // PostgreSQL driver asserts on a dead connection where assertions are on, as in tests)
            if (!database.isOutage(e)) {
                Log.errorf(e, "expiry scan failed, the next one retries what is still due");
            }
        } finally {
            pauseLock.readLock().unlock();
        }
        return interval;
    }

    /**
     * Now, or the instant up to which every inbound partition is applied if that is earlier (after an outage, while the
     * backlog drains); null while some partition was never reported, e.g. before the consumer owns its partitions.
     */
    private Instant decisionInstant() {
        Instant now = clock.instant();
        Instant applied = inbound.appliedThroughAll().orElse(null);
        lastWatermark = applied;
        return applied == null ? null : applied.isBefore(now) ? applied : now;
    }

    private double watermarkLagSeconds() {
        Instant applied = lastWatermark;
        return applied == null ? Double.NaN : Math.max(0, Duration.between(applied, clock.instant()).toMillis() / 1000.0);
    }

    private long pass(long interval) {
        int batchSize = config.expiry().batchSize();
        // notices and closes alternate batch by batch, so a flood of one never starves the other. A close still never
        // precedes its own notice: a notice whose window has closed by the time it is claimed is dropped (WindowPolicy)
        boolean more = true;
        while (!stopping && more) {
            Instant decidedAt = decisionInstant();
            if (decidedAt == null) {
                return SHORT_PAUSE_MILLIS;
            }
            boolean moreNotices = engine.emitDueExpiringSoon(decidedAt) == batchSize;
            boolean moreCloses = engine.emitDueExpirations(decidedAt) == batchSize;
            more = moreNotices || moreCloses;
        }
        Optional<Instant> next = engine.nextDeadline();
        if (next.isEmpty()) {
            return interval;
        }
        long untilNext = Duration.between(clock.instant(), next.get()).toMillis();
        // due already: the rows are held by another worker (SKIP LOCKED skipped them), came due during this pass, or
        // wait for inbound messages sent before their deadline to be applied (the watermark moves every
        // INBOUND_WATERMARK_INTERVAL): look again shortly
        return Math.min(interval, Math.max(untilNext, SHORT_PAUSE_MILLIS));
    }
}
