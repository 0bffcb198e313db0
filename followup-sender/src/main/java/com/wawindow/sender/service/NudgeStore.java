package com.wawindow.sender.service;

import com.wawindow.events.WindowExpiringSoon;
import com.wawindow.sender.entity.FollowupDecision;
import com.wawindow.sender.entity.FollowupDecision.Decision;
import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.repository.ContactActivityRepository;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.FollowupDecisionRepository;
import com.wawindow.sender.repository.FollowupRuleRepository;
import com.wawindow.sender.repository.NudgeWindowRepository;
import com.wawindow.sender.repository.NudgeWindowRepository.Arm;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A nudge decision and its effect in one transaction, as {@link FollowupStore} does for follow-ups: the (window, rule)
 * decision row, the facts, the arm ({@code nudge_window}), the claim of the dispatch key and the audit row commit
 * together, so a redelivered window-expiring-soon changes nothing.
 */
@ApplicationScoped
public class NudgeStore {

    /** What one decision did. */
    public sealed interface Decided {
        record AlreadyDecided() implements Decided {
        }

        record NotSent(String reason) implements Decided {
        }

        record Claimed(long dispatchId) implements Decided {
        }
    }

    private final FollowupRuleRepository rules;
    private final ContactConsentRepository consents;
    private final ContactActivityRepository activity;
    private final DispatchRepository dispatches;
    private final NudgeWindowRepository windows;
    private final ContactZones zones;
    private final DispatchLedger ledger;
    private final DecisionLog decisions;
    private final FollowupDecisionRepository decisionRows;
    private final Clock clock;

    public NudgeStore(FollowupRuleRepository rules, ContactConsentRepository consents, ContactActivityRepository activity,
            DispatchRepository dispatches, NudgeWindowRepository windows, ContactZones zones, DispatchLedger ledger,
            DecisionLog decisions, FollowupDecisionRepository decisionRows, Clock clock) {
        this.rules = rules;
        this.consents = consents;
        this.activity = activity;
        this.dispatches = dispatches;
        this.windows = windows;
        this.zones = zones;
        this.ledger = ledger;
        this.decisions = decisions;
        this.decisionRows = decisionRows;
        this.clock = clock;
    }

    @Transactional(TxType.REQUIRES_NEW)
    public List<FollowupRule> enabledNudges() {
        return rules.enabledNudges();
    }

    @Transactional(TxType.REQUIRES_NEW)
    public Decided decide(WindowExpiringSoon event, FollowupRule rule, DispatchRepository.Claim claim, UUID instanceId,
            Duration margin) {
        Instant now = clock.instant();
        if (!decisionRows.firstWindowDecision(event.eventId(), rule.id, now)) {
            return new Decided.AlreadyDecided();
        }
        String contactId = event.contactId();
        NudgePolicy.Facts facts = new NudgePolicy.Facts(consents.isOptedOut(contactId),
                activity.wroteAfter(contactId, event.lastMessageAt(), event.openingMessageSid()),
                dispatches.lastSentAt(contactId),
                rule.quietHours == null || rule.quietHours.isBlank() ? null : zones.zoneOf(contactId));
        NudgePolicy.Verdict verdict = NudgePolicy.decide(event, rule, facts, now, margin);
        if (verdict instanceof NudgePolicy.Verdict.Skip skip) {
            audit(event, rule, Decision.SKIPPED, skip.reason(), null);
            return new Decided.NotSent(skip.reason());
        }
        if (verdict instanceof NudgePolicy.Verdict.Drop drop) {
            windows.record(event.eventId(), rule.id, contactId, event.lastMessageAt(), event.expiresAt(), Arm.DROPPED, null,
                    now);
            audit(event, rule, Decision.SKIPPED, "dropped: " + drop.reason(), null);
            return new Decided.NotSent(drop.reason());
        }
        if (verdict instanceof NudgePolicy.Verdict.HoldOut) {
            windows.record(event.eventId(), rule.id, contactId, event.lastMessageAt(), event.expiresAt(), Arm.HOLDOUT, null,
                    now);
            String reason = "held out (" + rule.holdoutPercent + " % of windows get no nudge, for comparison)";
            audit(event, rule, Decision.HELD_OUT, reason, null);
            return new Decided.NotSent(reason);
        }
        Optional<Long> id = ledger.claimInCurrentTransaction(claim, instanceId);
        if (id.isEmpty()) {
            return new Decided.AlreadyDecided();
        }
        windows.record(event.eventId(), rule.id, contactId, event.lastMessageAt(), event.expiresAt(), Arm.NUDGED, id.get(),
                now);
        audit(event, rule, Decision.CLAIMED, "claimed nudge " + id.get() + ", sending now", id.get());
        return new Decided.Claimed(id.get());
    }

    /** The nudge did not go after all (the window closed meanwhile, Twilio refused): it counts in neither arm. */
    @Transactional(TxType.REQUIRES_NEW)
    public void dropped(WindowExpiringSoon event, FollowupRule rule) {
        windows.dropped(event.eventId(), rule.id);
    }

    private void audit(WindowExpiringSoon event, FollowupRule rule, Decision decision, String reason, Long dispatchId) {
        FollowupDecision entry = FollowupDecision.of(event.contactId(), decision, "nudge: " + reason);
        entry.windowEventId = event.eventId();
        entry.ruleId = rule.id;
        entry.dispatchId = dispatchId;
        decisions.recordWithEffect(entry);
    }
}
