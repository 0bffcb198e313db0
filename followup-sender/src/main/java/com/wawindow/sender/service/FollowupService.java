package com.wawindow.sender.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.wawindow.events.ContactIds;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.serde.EventJson;
import com.wawindow.sender.client.TwilioSendException;
import com.wawindow.sender.config.FollowupConfig;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.FollowupDecision;
import com.wawindow.sender.entity.FollowupDecision.Decision;
import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.entity.ScheduledFollowup;
import com.wawindow.sender.repository.DispatchRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, for every closed window and every enabled rule, whether to follow up now, later or never
 * ({@link FollowupPolicy}), and records why. The decision, its effect (skip, schedule, claim) and its audit row commit in
 * one transaction ({@link FollowupStore#decide}); a redelivered event changes nothing. Sending goes through the
 * {@link Dispatcher}, so each (window, rule) reaches Twilio at most once; no transaction is open while Twilio answers.
 */
@ApplicationScoped
public class FollowupService {

    /** How the audit reason of a window-expired skipped for its age begins ("skipped-stale"). */
    public static final String STALE = "stale: ";

    private final FollowupStore store;
    private final DecisionLog decisions;
    private final Dispatcher dispatcher;
    private final MessageFactory messages;
    private final FollowupConfig config;
    private final SenderInstance instance;
    private final Clock clock;

    public FollowupService(FollowupStore store, DecisionLog decisions, Dispatcher dispatcher, MessageFactory messages,
            FollowupConfig config, SenderInstance instance, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.decisions = decisions;
        this.dispatcher = dispatcher;
        this.messages = messages;
        this.config = config;
        this.instance = instance;
    }

    public void onWindowExpired(WindowExpired event) {
        if (isStale(event, clock.instant(), config.maxEventAge())) {
            // a replay (DLQ re-drive, lost offsets, rebuilt database): a follow-up now would answer a conversation
            // long over, so it is recorded and not sent
            if (store.skipWithoutRule(event, STALE + "the window closed at " + event.expiredAt()
                    + ", longer ago than FOLLOWUP_MAX_EVENT_AGE (" + config.maxEventAge() + ")")) {
                Log.infof("follow-up to %s SKIPPED: stale window-expired", ContactIds.mask(event.contactId()));
            }
            return;
        }
        List<FollowupRule> enabled = store.enabledRules();
        if (enabled.isEmpty()) {
            if (store.skipWithoutRule(event, "no enabled follow-up rule (FOLLOWUP_CONTENT_SID not set?)")) {
                Log.infof("follow-up to %s SKIPPED: no enabled follow-up rule", ContactIds.mask(event.contactId()));
            }
            return;
        }
        for (FollowupRule rule : enabled) {
            decide(event, rule, false);
        }
    }

    /** Whether a window-expired is too old to act on: it closed more than {@code maxAge} before {@code now}. */
    static boolean isStale(WindowExpired event, Instant now, Duration maxAge) {
        return event.expiredAt().isBefore(now.minus(maxAge));
    }

    /** A scheduled follow-up came due: the same checks again (the contact may have opted out meanwhile). */
    public void onDue(ScheduledFollowup due) {
        Optional<FollowupRule> rule = store.rule(due.ruleId);
        WindowExpired event = parse(due.eventJson);
        if (rule.isEmpty() || !rule.get().enabled) {
            record(event, due.ruleId, Decision.SKIPPED, "rule " + due.ruleId + " was disabled or removed", null);
            store.finish(due.id, ScheduledFollowup.State.CANCELLED, "rule disabled");
            return;
        }
        decide(event, rule.get(), true);
        store.finish(due.id, ScheduledFollowup.State.DONE, null);
    }

    private void decide(WindowExpired event, FollowupRule rule, boolean due) {
        DispatchRepository.Claim claim = claim(event, rule);
        FollowupStore.Decided decided = store.decide(event, rule, due, claim, instance.id(), config.marketingCooldown());
        if (decided instanceof FollowupStore.Decided.Skipped skipped) {
            Log.infof("follow-up to %s SKIPPED: %s", ContactIds.mask(event.contactId()), skipped.reason());
        } else if (decided instanceof FollowupStore.Decided.Claimed claimed) {
            send(event, rule, claimed.dispatchId(), claim);
        }
    }

    private DispatchRepository.Claim claim(WindowExpired event, FollowupRule rule) {
        String variables = ContentVariables.render(rule.contentVariables, placeholders(event));
        return new DispatchRepository.Claim(FollowupPolicy.windowKey(event) + "rule:" + rule.id, Dispatch.Kind.FOLLOWUP,
                event.eventId(), rule.id, null, event.contactId(),
                messages.template(event.contactAddress(), event.businessAddress(), rule.contentSid, variables),
                event.lastMessageAt(), event.expiredAt());
    }

    private void send(WindowExpired event, FollowupRule rule, long dispatchId, DispatchRepository.Claim claim) {
        DispatchResult result;
        try {
            result = dispatcher.send(dispatchId, claim);
        } catch (TwilioSendException.Transient e) {
            record(event, rule.id, Decision.FAILED, "gave up after attempts, none created: " + e.getMessage(), dispatchId);
            throw e;
        }
        // any other failure (the database, the pool) leaves the claim CLAIMED: claim recovery settles and audits it
        result.audit().ifPresent(audit -> record(event, rule.id, audit.decision(), audit.reason(), audit.dispatchId()));
    }

    static Map<String, String> placeholders(WindowExpired event) {
        Map<String, String> values = new HashMap<>();
        values.put("profileName", event.profileName());
        values.put("contactId", event.contactId());
        values.put("lastMessageAt", event.lastMessageAt() == null ? null : event.lastMessageAt().toString());
        values.put("expiredAt", event.expiredAt() == null ? null : event.expiredAt().toString());
        return values;
    }

    private void record(WindowExpired event, Long ruleId, Decision decision, String reason, Long dispatchId) {
        FollowupDecision entry = FollowupDecision.of(event.contactId(), decision, reason);
        entry.windowEventId = event.eventId();
        entry.ruleId = ruleId;
        entry.dispatchId = dispatchId;
        decisions.record(entry);
        if (decision == Decision.SKIPPED || decision == Decision.FAILED) {
            Log.infof("follow-up to %s %s: %s", ContactIds.mask(event.contactId()), decision, reason);
        }
    }

    private static WindowExpired parse(String json) {
        try {
            return EventJson.MAPPER.readValue(json, WindowExpired.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
