package com.wawindow.sender.service;

import com.wawindow.sender.entity.FollowupDecision;
import com.wawindow.sender.repository.FollowupDecisionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;

/** The audit of decisions ({@code followup_decision}): with the effect it audits, or on its own, never across a Twilio call. */
@ApplicationScoped
public class DecisionLog {

    private final FollowupDecisionRepository decisions;
    private final FollowupMetrics metrics;
    private final Clock clock;

    public DecisionLog(FollowupDecisionRepository decisions, FollowupMetrics metrics, Clock clock) {
        this.decisions = decisions;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void record(FollowupDecision entry) {
        decisions.record(entry, clock.instant());
        metrics.decided(entry);
    }

    /** The entry inside the caller's transaction: it commits with the effect it audits (claim, schedule, skip). */
    @Transactional(TxType.MANDATORY)
    public void recordWithEffect(FollowupDecision entry) {
        decisions.record(entry, clock.instant());
    }
}
