package com.wawindow.sender.service;

import com.wawindow.sender.config.FollowupConfig;
import com.wawindow.sender.repository.ProcessedInboundRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;

/**
 * Forgets applied inbound MessageSids older than {@code FOLLOWUP_PROCESSED_INBOUND_RETENTION}, so
 * {@code processed_inbound} holds days of traffic, not all of it. Every instance schedules it and one runs it per
 * hour ({@link SingletonJobs}); paused with the other jobs while PostgreSQL is away ({@link ScheduledJobsPause}).
 */
@ApplicationScoped
public class ProcessedInboundPruner {

    static final Duration EVERY = Duration.ofHours(1);

    private final ProcessedInboundRepository processed;
    private final SingletonJobs jobs;
    private final Duration retention;
    private final Clock clock;

    public ProcessedInboundPruner(ProcessedInboundRepository processed, SingletonJobs jobs, FollowupConfig config,
            Clock clock) {
        this.processed = processed;
        this.jobs = jobs;
        this.retention = config.processedInboundRetention();
        this.clock = clock;
    }

    @Scheduled(identity = "processed-inbound-pruning", every = "1h", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPrune() {
        if (jobs.tryStart("processed-inbound-pruning", EVERY)) {
            prune();
        }
    }

    /** @return how many MessageSids were forgotten */
    @Transactional
    public long prune() {
        long deleted = processed.deleteProcessedBefore(clock.instant().minus(retention));
        if (deleted > 0) {
            Log.infof("forgot %d applied inbound message sids older than %s", deleted, retention);
        }
        return deleted;
    }
}
