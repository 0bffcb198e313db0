package com.wawindow.sender.service;

import com.wawindow.sender.config.FollowupConfig;
import com.wawindow.sender.repository.DispatchRepository.OrphanedClaim;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Finishes the dispatches a crashed instance had claimed but not settled (killed between the claim and Twilio's
 * answer): each is looked up at Twilio and recorded when it was created there, sent otherwise. Without this a
 * crash would silently lose those follow-ups; re-sending blindly would duplicate them.
 */
@ApplicationScoped
public class ClaimRecovery {

    private static final int BATCH = 50;

    private final DispatchLedger ledger;
    private final Dispatcher dispatcher;
    private final SenderInstance instance;
    private final FollowupConfig config;
    private final Clock clock;

    public ClaimRecovery(DispatchLedger ledger, Dispatcher dispatcher, SenderInstance instance, FollowupConfig config,
            Clock clock) {
        this.ledger = ledger;
        this.dispatcher = dispatcher;
        this.instance = instance;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${followup.claim-recovery-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recoverOrphanedClaims() {
        List<OrphanedClaim> orphans;
        do {
            Instant deadBefore = clock.instant().minus(config.instanceDeadAfter());
            orphans = ledger.adoptOrphans(instance.id(), deadBefore, BATCH);
            for (OrphanedClaim orphan : orphans) {
                try {
                    dispatcher.recover(orphan);
                } catch (RuntimeException e) {
                    // a failed send is GAVE_UP already; a failed lookup leaves it CLAIMED: released for a later pass
                    ledger.release(orphan.id());
                    Log.warnf("could not recover dispatch %d, retried later: %s", orphan.id(), e.getMessage());
                }
            }
        } while (orphans.size() == BATCH);
    }
}
