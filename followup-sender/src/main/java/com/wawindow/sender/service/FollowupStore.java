package com.wawindow.sender.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.serde.EventJson;
import com.wawindow.sender.entity.ContactConsent;
import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.entity.ScheduledFollowup;
import com.wawindow.sender.repository.ContactActivityRepository;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.FollowupDecisionRepository;
import com.wawindow.sender.repository.FollowupRuleRepository;
import com.wawindow.sender.repository.ScheduledFollowupRepository;
import com.wawindow.sender.repository.TemplateRepository;
import com.wawindow.sender.entity.FollowupDecision;
import com.wawindow.sender.entity.FollowupDecision.Decision;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the follow-up decisions read and write, each call in a short transaction of its own (REQUIRES_NEW). A read
 * outside one would use the request-scoped session, which keeps its JDBC connection until the event is done, i.e.
 * across the rate limiter's wait and the Twilio call, and a burst of closed windows would drain the pool.
 */
@ApplicationScoped
public class FollowupStore {

    private final FollowupRuleRepository rules;
    private final TemplateRepository templates;
    private final ContactConsentRepository consents;
    private final ContactActivityRepository activity;
    private final DispatchRepository dispatches;
    private final ScheduledFollowupRepository scheduled;
    private final ContactZones zones;
    private final DispatchLedger ledger;
    private final DecisionLog decisions;
    private final FollowupDecisionRepository decisionRows;
    private final Pricing pricing;
    private final Clock clock;

    /** What one decision about a (window, rule) did, committed with its audit row. */
    public sealed interface Decided {
        /** This (window, rule) was decided before (a redelivered event): nothing changed, nothing audited. */
        record AlreadyDecided() implements Decided {
        }

        record Skipped(String reason) implements Decided {
        }

        record Scheduled(Instant at) implements Decided {
        }

        /** The dispatch key was claimed (and audited CLAIMED) in the decision's transaction: send it now. */
        record Claimed(long dispatchId) implements Decided {
        }

        /** The key was already taken by another claimant, which sends and audits. */
        record Duplicate() implements Decided {
        }
    }

    public FollowupStore(FollowupRuleRepository rules, TemplateRepository templates, ContactConsentRepository consents,
            ContactActivityRepository activity, DispatchRepository dispatches, ScheduledFollowupRepository scheduled,
            ContactZones zones, DispatchLedger ledger, DecisionLog decisions, FollowupDecisionRepository decisionRows, Pricing pricing,
            Clock clock) {
        this.pricing = pricing;
        this.rules = rules;
        this.templates = templates;
        this.consents = consents;
        this.activity = activity;
        this.dispatches = dispatches;
        this.scheduled = scheduled;
        this.zones = zones;
        this.ledger = ledger;
        this.decisions = decisions;
        this.decisionRows = decisionRows;
        this.clock = clock;
    }

    /**
     * Decides one (window, rule) and applies the effect in ONE transaction: the window's decision row, the facts read,
     * the effect (skip, schedule, or claim of the dispatch key) and its audit row commit together or not at all. A
     * redelivered event finds the decision row and changes nothing, its audit included. A scheduled follow-up that came
     * due ({@code due}) was decided before: it is decided again on today's facts, its own row guards it.
     * @param claim the dispatch to claim when the verdict is "send now"
     */
    @Transactional(TxType.REQUIRES_NEW)
    public Decided decide(WindowExpired event, FollowupRule rule, boolean due, DispatchRepository.Claim claim,
            UUID instanceId, Duration marketingCooldown) {
        if (!due && !firstDecision(event.eventId(), rule.id)) {
            return new Decided.AlreadyDecided();
        }
        Instant now = clock.instant();
        // read in this transaction, not one of its own: a second connection per decision while this one is held lets
        // a burst of decisions take the whole pool and wait on each other until the acquisition timeout
        FollowupPolicy.Facts facts = readFacts(event, rule);
        FollowupPolicy.Verdict verdict = FollowupPolicy.decide(event, rule, facts, due, now, marketingCooldown);
        if (verdict instanceof FollowupPolicy.Verdict.Skip skip) {
            audit(event, rule.id, Decision.SKIPPED, skip.reason(), null);
            return new Decided.Skipped(skip.reason());
        }
        if (verdict instanceof FollowupPolicy.Verdict.SendLater later) {
            if (scheduled.schedule(event.eventId(), rule.id, event.contactId(), event.lastMessageAt(), json(event),
                    later.at(), now)) {
                audit(event, rule.id, Decision.SCHEDULED, later.reason(), null);
            }
            return new Decided.Scheduled(later.at());
        }
        // the window is closed (a reply would have skipped it): a template is billed unless the entry point window is open
        String category = facts.template().map(PricingRules::categoryOf).orElse(PricingRules.UNKNOWN_CATEGORY);
        Optional<Long> id = ledger.claimInCurrentTransaction(claim.priced(pricing.price(
                new PricingRules.Send(event.contactId(), category, false, event.entryPointOpenAt(now), now))), instanceId);
        if (id.isEmpty()) {
            return new Decided.Duplicate();
        }
        audit(event, rule.id, Decision.CLAIMED, "claimed dispatch " + id.get() + ", sending now", id.get());
        return new Decided.Claimed(id.get());
    }

    /** No enabled rule: audited once per window, with its decision row (rule 0). */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean skipWithoutRule(WindowExpired event, String reason) {
        if (!firstDecision(event.eventId(), 0L)) {
            return false;
        }
        audit(event, null, Decision.SKIPPED, reason, null);
        return true;
    }

    private boolean firstDecision(UUID windowEventId, long ruleId) {
        return decisionRows.firstWindowDecision(windowEventId, ruleId, clock.instant());
    }

    private void audit(WindowExpired event, Long ruleId, Decision decision, String reason, Long dispatchId) {
        FollowupDecision entry = FollowupDecision.of(event.contactId(), decision, reason);
        entry.windowEventId = event.eventId();
        entry.ruleId = ruleId;
        entry.dispatchId = dispatchId;
        decisions.recordWithEffect(entry);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public List<FollowupRule> enabledRules() {
        return rules.enabledInOrder();
    }

    @Transactional(TxType.REQUIRES_NEW)
    public Optional<FollowupRule> rule(long id) {
        return rules.findByIdOptional(id);
    }

    /** Everything {@link FollowupPolicy} needs about this window and rule, read in the caller's transaction. */
    private FollowupPolicy.Facts readFacts(WindowExpired event, FollowupRule rule) {
        String contactId = event.contactId();
        return new FollowupPolicy.Facts(optedOut(event, consents.findByIdOptional(contactId)),
                activity.wroteAfter(contactId, event.lastMessageAt(), event.openingMessageSid()),
                templates.findBySid(rule.contentSid),
                dispatches.countWithKeyPrefix(contactId, FollowupPolicy.windowKey(event)),
                dispatches.lastMarketingSentAt(contactId),
                rule.quietHours == null || rule.quietHours.isBlank() ? null : zones.zoneOf(contactId));
    }

    /**
     * The event's consent is the tracker's as of every message before the deadline (it closes a window only once those
     * are applied); this sender's row may lag behind it (its own consumer still on a backlog) or know more (a STOP or
     * START after the close, Twilio's 21610). A row newer than the close decides; otherwise either saying "opted out"
     * is enough: when the two disagree, no template goes out.
     */
    static boolean optedOut(WindowExpired event, Optional<ContactConsent> row) {
        if (row.isPresent() && row.get().changedAt != null && row.get().changedAt.isAfter(event.expiredAt())) {
            return row.get().optedOut;
        }
        return event.optedOut() || row.map(consent -> consent.optedOut).orElse(false);
    }

    /** @return false when this (window, rule) was scheduled before */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean schedule(WindowExpired event, FollowupRule rule, java.time.Instant dueAt) {
        return scheduled.schedule(event.eventId(), rule.id, event.contactId(), event.lastMessageAt(), json(event), dueAt,
                clock.instant());
    }

    /** Claims due scheduled follow-ups for {@code lease} (SKIP LOCKED, so instances share them). */
    @Transactional(TxType.REQUIRES_NEW)
    public List<ScheduledFollowup> claimDue(int limit, Duration lease) {
        return scheduled.claimDue(clock.instant(), limit, lease);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void finish(long scheduledId, ScheduledFollowup.State state, String reason) {
        scheduled.finish(scheduledId, state, reason);
    }

    static String json(WindowExpired event) {
        try {
            return EventJson.MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
