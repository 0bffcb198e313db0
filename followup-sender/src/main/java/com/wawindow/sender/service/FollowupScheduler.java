package com.wawindow.sender.service;

import com.wawindow.sender.config.FollowupConfig;
import com.wawindow.sender.entity.ScheduledFollowup;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/** Sends delayed follow-ups when they come due; any number of instances share the rows (SKIP LOCKED). */
@ApplicationScoped
public class FollowupScheduler {

    /** A claimed row is retried by anyone after this, if its claimant died. */
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final FollowupStore store;
    private final FollowupService followups;
    private final FollowupConfig config;

    public FollowupScheduler(FollowupStore store, FollowupService followups, FollowupConfig config) {
        this.store = store;
        this.followups = followups;
        this.config = config;
    }

    @Scheduled(every = "${followup.scheduler-interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
        List<ScheduledFollowup> due = store.claimDue(config.schedulerBatch(), LEASE);
        for (ScheduledFollowup followup : due) {
            try {
                followups.onDue(followup);
            } catch (RuntimeException e) {
                // stays PENDING with its lease: tried again after the lease, the dispatch key prevents a double send
                Log.warnf("scheduled follow-up %d failed, retried after %s: %s", followup.id, LEASE, e.getMessage());
            }
        }
    }
}
