package com.wawindow.sender.service;

import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.DispatchAttempt;
import com.wawindow.sender.entity.FollowupDecision;
import com.wawindow.sender.repository.DispatchAttemptRepository;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.FollowupDecisionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

/** The audit of decisions about a contact, and follow-up outcome statistics. */
@ApplicationScoped
public class ReportService {

    /**
     * One audited decision; {@code attempts} are the Create Message attempts of its dispatch (empty without one).
     */
    public record DecisionView(long id, String contactId, UUID windowEventId, Long ruleId, Long campaignId,
            Long dispatchId, FollowupDecision.Decision decision, String reason, Instant decidedAt,
            List<AttemptView> attempts) {

        static DecisionView of(FollowupDecision d, List<AttemptView> attempts) {
            return new DecisionView(d.id, d.contactId, d.windowEventId, d.ruleId, d.campaignId, d.dispatchId, d.decision,
                    d.reason, d.decidedAt, attempts);
        }
    }

    /** One Create Message attempt: when, what came of it (outcome, Twilio's HTTP status and error code), the SID. */
    public record AttemptView(int number, Instant startedAt, Instant finishedAt, DispatchAttempt.Outcome outcome,
            Integer httpStatus, String errorCode, String messageSid) {

        static AttemptView of(DispatchAttempt a) {
            return new AttemptView(a.attemptNumber, a.startedAt, a.finishedAt, a.outcome, a.httpStatus, a.errorCode,
                    a.messageSid);
        }
    }

    private final FollowupDecisionRepository decisions;
    private final DispatchRepository dispatches;
    private final DispatchAttemptRepository attempts;
    private final Clock clock;

    public ReportService(FollowupDecisionRepository decisions, DispatchRepository dispatches,
            DispatchAttemptRepository attempts, Clock clock) {
        this.decisions = decisions;
        this.dispatches = dispatches;
        this.attempts = attempts;
        this.clock = clock;
    }

    /** Every decision about a contact, newest first. */
    @Transactional
    public List<DecisionView> audit(String contactId, int limit) {
        List<FollowupDecision> found = decisions.forContact(ContactService.checkedContactId(contactId), limit);
        Map<Long, List<AttemptView>> byDispatch = attempts.forDispatches(found.stream().map(d -> d.dispatchId)
                        .filter(Objects::nonNull).collect(Collectors.toSet())).stream()
                .collect(Collectors.groupingBy(a -> a.dispatchId, Collectors.mapping(AttemptView::of, Collectors.toList())));
        return found.stream().map(d -> DecisionView.of(d, d.dispatchId == null ? List.of()
                : byDispatch.getOrDefault(d.dispatchId, List.of()))).toList();
    }

    /** Follow-ups after closed windows over [from, to): sent, delivered, read, failed, replied-after. */
    @Transactional
    public StatsView followupStats(String from, String to) {
        TimeRange range = TimeRange.parse(from, to, clock.instant());
        return StatsView.of(range, dispatches.counts(range.from(), range.to(), null, Dispatch.Kind.FOLLOWUP));
    }
}
