package com.wawindow.sender.service;

import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.DispatchAttempt;
import com.wawindow.sender.entity.FollowupDecision;
import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.repository.DispatchAttemptRepository;
import com.wawindow.sender.repository.FollowupRuleRepository;
import com.wawindow.sender.repository.NudgeWindowRepository;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.FollowupDecisionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import com.wawindow.sender.entity.DispatchStatus;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
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

    /** The longest range the per-day stats cover. */
    static final Duration MAX_DAILY_RANGE = Duration.ofDays(92);

    /**
     * One send and what Twilio made of it, as the status callbacks reported. A free-form message's text is not
     * repeated here ({@code freeForm} says there was one): the audit is for delivery, not for reading messages.
     */
    public record DispatchView(long id, Dispatch.Kind kind, Long ruleId, Long campaignId, String contentSid,
            boolean freeForm, String messageSid, DispatchStatus status, String errorCode, String errorMessage,
            boolean dryRun, Instant createdAt, Instant updatedAt, String pricingCategory, Boolean billable,
            BigDecimal estimatedCost, String costCurrency, String pricingSource) {

        static DispatchView of(Dispatch d) {
            return new DispatchView(d.id, d.kind, d.ruleId, d.campaignId, d.contentSid, d.body != null, d.twilioMessageSid,
                    d.status, d.errorCode, d.errorMessage, d.dryRun, d.createdAt, d.updatedAt, d.pricingCategory, d.billable,
                    d.estimatedCost, d.costCurrency, d.pricingSource);
        }
    }

    /** Follow-ups created on one UTC day, by outcome. */
    public record DayView(LocalDate day, long total, long sent, long delivered, long read, long failed,
            long repliedAfterFollowup) {
    }

    private final FollowupDecisionRepository decisions;
    private final DispatchRepository dispatches;
    private final DispatchAttemptRepository attempts;
    private final NudgeWindowRepository nudgeWindows;
    private final FollowupRuleRepository rules;
    private final Clock clock;

    public ReportService(FollowupDecisionRepository decisions, DispatchRepository dispatches,
            DispatchAttemptRepository attempts, NudgeWindowRepository nudgeWindows, FollowupRuleRepository rules,
            Clock clock) {
        this.nudgeWindows = nudgeWindows;
        this.rules = rules;
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

    /** Every send to a contact (follow-ups, campaigns, messages) with its delivery status, newest first. */
    @Transactional
    public List<DispatchView> dispatches(String contactId, int limit) {
        return dispatches.forContact(ContactService.checkedContactId(contactId), limit).stream().map(DispatchView::of)
                .toList();
    }

    /**
     * Follow-ups per UTC day over [from, to) (the last 7 days by default, at most 92), every day present, zeros
     * included, so a chart needs no gaps filled.
     */
    @Transactional
    public List<DayView> followupsPerDay(String from, String to) {
        TimeRange range = TimeRange.parse(from, to, clock.instant());
        if (Duration.between(range.from(), range.to()).compareTo(MAX_DAILY_RANGE) > 0) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "the range covers at most 92 days");
        }
        Map<LocalDate, DispatchRepository.Counts> byDay = new HashMap<>();
        for (DispatchRepository.DayCounts d : dispatches.countsPerDay(range.from(), range.to(), Dispatch.Kind.FOLLOWUP)) {
            byDay.put(d.day(), d.counts());
        }
        List<DayView> days = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(range.to().minusNanos(1), ZoneOffset.UTC);
        for (LocalDate day = LocalDate.ofInstant(range.from(), ZoneOffset.UTC); !day.isAfter(last); day = day.plusDays(1)) {
            DispatchRepository.Counts c = byDay.getOrDefault(day, new DispatchRepository.Counts(0, 0, 0, 0, 0, 0));
            days.add(new DayView(day, c.total(), c.sent(), c.delivered(), c.read(), c.failed(), c.replied()));
        }
        return days;
    }

    /**
     * One NUDGE rule's windows over [from, to): nudged and held out, and in each how many the contact replied to before
     * the deadline (the window kept open). {@code replyRateLift}: nudged rate less held-out rate, null while either arm
     * is empty. Dropped windows (the nudge could not go in time) count in neither arm.
     */
    public record NudgeStats(long ruleId, String ruleName, long nudged, long nudgedReplied, Double nudgedReplyRate,
            long heldOut, long heldOutReplied, Double heldOutReplyRate, Double replyRateLift, long dropped) {
    }

    /** The in-window nudges' windows per rule over [from, to) (by decision time), the last 7 days by default. */
    @Transactional
    public List<NudgeStats> nudgeStats(String from, String to) {
        TimeRange range = TimeRange.parse(from, to, clock.instant());
        Map<Long, Map<NudgeWindowRepository.Arm, NudgeWindowRepository.ArmCounts>> byRule = new java.util.TreeMap<>();
        for (NudgeWindowRepository.ArmCounts c : nudgeWindows.counts(range.from(), range.to())) {
            byRule.computeIfAbsent(c.ruleId(), id -> new java.util.EnumMap<>(NudgeWindowRepository.Arm.class)).put(c.arm(), c);
        }
        for (FollowupRule rule : rules.enabledNudges()) {
            byRule.computeIfAbsent(rule.id, id -> new java.util.EnumMap<>(NudgeWindowRepository.Arm.class));
        }
        List<NudgeStats> stats = new ArrayList<>();
        byRule.forEach((ruleId, arms) -> {
            var none = new NudgeWindowRepository.ArmCounts(ruleId, null, 0, 0);
            var nudged = arms.getOrDefault(NudgeWindowRepository.Arm.NUDGED, none);
            var heldOut = arms.getOrDefault(NudgeWindowRepository.Arm.HOLDOUT, none);
            Double nudgedRate = rate(nudged);
            Double heldOutRate = rate(heldOut);
            stats.add(new NudgeStats(ruleId, rules.findByIdOptional(ruleId).map(r -> r.name).orElse(null), nudged.windows(),
                    nudged.replied(), nudgedRate, heldOut.windows(), heldOut.replied(), heldOutRate,
                    nudgedRate == null || heldOutRate == null ? null : nudgedRate - heldOutRate,
                    arms.getOrDefault(NudgeWindowRepository.Arm.DROPPED, none).windows()));
        });
        return stats;
    }

    private static Double rate(NudgeWindowRepository.ArmCounts counts) {
        return counts.windows() == 0 ? null : (double) counts.replied() / counts.windows();
    }

    /** Follow-ups after closed windows over [from, to): sent, delivered, read, failed, replied-after. */
    @Transactional
    public StatsView followupStats(String from, String to) {
        TimeRange range = TimeRange.parse(from, to, clock.instant());
        return StatsView.of(range, dispatches.counts(range.from(), range.to(), null, Dispatch.Kind.FOLLOWUP));
    }
}
