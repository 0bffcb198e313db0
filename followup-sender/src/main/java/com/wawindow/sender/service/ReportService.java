package com.wawindow.sender.service;

import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.FollowupDecision;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.FollowupDecisionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The audit of decisions about a contact, and follow-up outcome statistics. */
@ApplicationScoped
public class ReportService {

    /** One audited decision. */
    public record DecisionView(long id, String contactId, UUID windowEventId, Long ruleId, Long campaignId,
            Long dispatchId, FollowupDecision.Decision decision, String reason, Instant decidedAt) {

        static DecisionView of(FollowupDecision d) {
            return new DecisionView(d.id, d.contactId, d.windowEventId, d.ruleId, d.campaignId, d.dispatchId, d.decision,
                    d.reason, d.decidedAt);
        }
    }

    private final FollowupDecisionRepository decisions;
    private final DispatchRepository dispatches;
    private final Clock clock;

    public ReportService(FollowupDecisionRepository decisions, DispatchRepository dispatches, Clock clock) {
        this.decisions = decisions;
        this.dispatches = dispatches;
        this.clock = clock;
    }

    /** Every decision about a contact, newest first. */
    @Transactional
    public List<DecisionView> audit(String contactId, int limit) {
        return decisions.forContact(ContactService.checkedContactId(contactId), limit).stream().map(DecisionView::of).toList();
    }

    /** Follow-ups after closed windows over [from, to): sent, delivered, read, failed, replied-after. */
    @Transactional
    public StatsView followupStats(String from, String to) {
        TimeRange range = TimeRange.parse(from, to, clock.instant());
        return StatsView.of(range, dispatches.counts(range.from(), range.to(), null, Dispatch.Kind.FOLLOWUP));
    }
}
