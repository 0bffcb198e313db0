package com.wawindow.tracker.service;

import com.wawindow.support.database.DatabaseAvailability;
import com.wawindow.tracker.config.TrackerConfig;
import com.wawindow.tracker.repository.ProcessedMessageRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * Forgets processed message sids older than the retention: redeliveries come within hours, not weeks. Every tracker
 * schedules it; runs never overlap, and a run just after another's deletes nothing.
 */
@ApplicationScoped
public class ProcessedMessagePruner {

    private final ProcessedMessageRepository processedMessages;
    private final TrackerConfig config;
    private final Clock clock;
    private final DatabaseAvailability database;

    public ProcessedMessagePruner(ProcessedMessageRepository processedMessages, TrackerConfig config, Clock clock,
            DatabaseAvailability database) {
        this.clock = clock;
        this.database = database;
        this.processedMessages = processedMessages;
        this.config = config;
    }

    /** Skipped while PostgreSQL does not answer; the next hour's run catches up. */
    @Scheduled(identity = "processed-message-pruning", every = "1h", delayed = "1m")
    void pruneUnlessDatabaseAway() {
        if (!database.isAvailable()) {
            return;
        }
        try {
            prune();
        } catch (RuntimeException | AssertionError e) {
            // AssertionError: the PostgreSQL driver asserts on a dead connection where assertions are on (tests)
            if (!database.isOutage(e)) {
                throw e;
            }
        }
    }

    /** One tracker at a time (an advisory lock): another tracker's run at the same time skips, the rows are gone. */
    @Transactional
    public void prune() {
        if (!processedMessages.tryLockPruning()) {
            Log.debug("another tracker is pruning processed message sids");
            return;
        }
        long deleted = processedMessages.deleteProcessedBefore(clock.instant().minus(config.processedMessageRetention()));
        if (deleted > 0) {
            Log.infof("forgot %d processed message sids older than %s", deleted, config.processedMessageRetention());
        }
    }
}
