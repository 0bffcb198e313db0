package com.wawindow.sender.service;

import com.wawindow.events.ContactIds;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.FollowupDecision;
import com.wawindow.sender.repository.DispatchRepository.OrphanedClaim;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Finishes the dispatches whose claim lease ran out in database time: an owner killed between the claim and Twilio's
 * answer, or a claim given back to be retried later (Twilio's list unreadable, quiet hours). Claims this instance is
 * working on are never adopted. Each adopted claim goes through {@link Dispatcher#recover}: an attempt that may have
 * created the message is reconciled with List Messages before anything else, and a new attempt re-checks consent,
 * approval, reply and quiet hours. A follow-up's outcome is audited then.
 */
@ApplicationScoped
public class ClaimRecovery {

    private static final int BATCH = 50;

    private final DispatchLedger ledger;
    private final Dispatcher dispatcher;
    private final SenderInstance instance;
    private final DecisionLog decisions;

    public ClaimRecovery(DispatchLedger ledger, Dispatcher dispatcher, SenderInstance instance, DecisionLog decisions) {
        this.ledger = ledger;
        this.dispatcher = dispatcher;
        this.instance = instance;
        this.decisions = decisions;
    }

    @Scheduled(every = "${followup.claim-recovery-interval}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recoverOrphanedClaims() {
        recoverExpiredClaims();
    }

    /** One pass: adopts and settles expired claims, a batch at a time, until none is left. */
    public int recoverExpiredClaims() {
        int recovered = 0;
        List<OrphanedClaim> orphans;
        do {
            orphans = ledger.adoptExpired(instance.id(), instance.held(), BATCH);
            for (OrphanedClaim orphan : orphans) {
                recovered++;
                try {
                    audit(orphan, dispatcher.recover(orphan));
                } catch (com.wawindow.sender.client.TwilioSendException.Transient e) {
                    // attempts ran out, each known not to have created a message: GAVE_UP
                    record(orphan, new DispatchResult.Audit(FollowupDecision.Decision.FAILED,
                            "gave up after attempts, none created: " + e.getMessage(), orphan.id()));
                } catch (RuntimeException e) {
                    // the database or the process failed: the claim is still CLAIMED and its lease expires again
                    Log.warnf("could not recover dispatch %d to %s: %s", orphan.id(), ContactIds.mask(orphan.contactId()),
                            e.getMessage());
                }
            }
        } while (orphans.size() == BATCH);
        return recovered;
    }

    private void audit(OrphanedClaim orphan, DispatchResult result) {
        if (orphan.kind() != Dispatch.Kind.FOLLOWUP && orphan.kind() != Dispatch.Kind.NUDGE) {
            return;
        }
        result.audit().ifPresent(audit -> record(orphan, audit));
    }

    private void record(OrphanedClaim orphan, DispatchResult.Audit audit) {
        if (orphan.kind() != Dispatch.Kind.FOLLOWUP && orphan.kind() != Dispatch.Kind.NUDGE) {
            return;
        }
        {
            FollowupDecision entry = FollowupDecision.of(orphan.contactId(), audit.decision(),
                    "recovered: " + audit.reason());
            entry.windowEventId = orphan.windowEventId();
            entry.ruleId = orphan.ruleId();
            entry.dispatchId = audit.dispatchId();
            decisions.record(entry);
        }
    }
}
