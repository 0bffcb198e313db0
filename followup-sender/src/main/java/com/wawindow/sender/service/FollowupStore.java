package com.wawindow.sender.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.serde.EventJson;
import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.entity.ScheduledFollowup;
import com.wawindow.sender.repository.ContactActivityRepository;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.FollowupRuleRepository;
import com.wawindow.sender.repository.ScheduledFollowupRepository;
import com.wawindow.sender.repository.TemplateRepository;
import jakarta.enterprise.context.ApplicationScoped;
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
    private final Clock clock;

    public FollowupStore(FollowupRuleRepository rules, TemplateRepository templates, ContactConsentRepository consents,
            ContactActivityRepository activity, DispatchRepository dispatches, ScheduledFollowupRepository scheduled,
            ContactZones zones, Clock clock) {
        this.rules = rules;
        this.templates = templates;
        this.consents = consents;
        this.activity = activity;
        this.dispatches = dispatches;
        this.scheduled = scheduled;
        this.zones = zones;
        this.clock = clock;
    }

    @Transactional(TxType.REQUIRES_NEW)
    public List<FollowupRule> enabledRules() {
        return rules.enabledInOrder();
    }

    @Transactional(TxType.REQUIRES_NEW)
    public Optional<FollowupRule> rule(long id) {
        return rules.findByIdOptional(id);
    }

    /** Everything {@link FollowupPolicy} needs about this window and rule, read in one transaction. */
    @Transactional(TxType.REQUIRES_NEW)
    public FollowupPolicy.Facts facts(WindowExpired event, FollowupRule rule) {
        String contactId = event.contactId();
        boolean optedOut = consents.findByIdOptional(contactId).map(c -> c.optedOut).orElse(event.optedOut());
        return new FollowupPolicy.Facts(optedOut,
                activity.wroteAfter(contactId, event.lastMessageAt(), event.openingMessageSid()),
                templates.findBySid(rule.contentSid),
                dispatches.countWithKeyPrefix(FollowupPolicy.windowKey(event)),
                dispatches.lastMarketingSentAt(contactId),
                rule.quietHours == null || rule.quietHours.isBlank() ? null : zones.zoneOf(contactId));
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
