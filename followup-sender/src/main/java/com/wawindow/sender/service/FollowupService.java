package com.wawindow.sender.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.wawindow.events.ContactIds;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.serde.EventJson;
import com.wawindow.sender.config.FollowupConfig;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.FollowupDecision;
import com.wawindow.sender.entity.FollowupDecision.Outcome;
import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.entity.ScheduledFollowup;
import com.wawindow.sender.entity.Template;
import com.wawindow.sender.repository.ContactActivityRepository;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.FollowupDecisionRepository;
import com.wawindow.sender.repository.FollowupRuleRepository;
import com.wawindow.sender.repository.ScheduledFollowupRepository;
import com.wawindow.sender.repository.TemplateRepository;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides, for every closed window and every enabled rule, whether to follow up now, later or never, and
 * records why. Sending goes through the {@link Dispatcher}, so each (window, rule) reaches Twilio at most once.
 * Reads run outside transactions (in a request context); every write commits on its own, so nothing holds a
 * connection while Twilio answers.
 */
@ApplicationScoped
public class FollowupService {

    /** Sends due within this much of now go at once rather than through the scheduler. */
    private static final Duration SEND_NOW_TOLERANCE = Duration.ofSeconds(1);

    @Inject
    FollowupRuleRepository rules;
    @Inject
    TemplateRepository templates;
    @Inject
    ContactConsentRepository consents;
    @Inject
    ContactActivityRepository activity;
    @Inject
    DispatchRepository dispatches;
    @Inject
    ScheduledFollowupRepository scheduled;
    @Inject
    FollowupDecisionRepository decisions;
    @Inject
    ContactClock clock;
    @Inject
    Dispatcher dispatcher;
    @Inject
    MessageFactory messages;
    @Inject
    FollowupConfig config;

    /*
     * Every read runs in a short transaction of its own: a read outside one would use the request-scoped session,
     * which keeps its JDBC connection until the event is done, i.e. across the rate limiter's wait and the Twilio
     * call, and a burst of closed windows would drain the pool.
     */
    @ActivateRequestContext
    public void onWindowExpired(WindowExpired event) {
        var enabled = QuarkusTransaction.requiringNew().call(rules::enabledInOrder);
        if (enabled.isEmpty()) {
            record(event, null, Outcome.SKIPPED, "no enabled follow-up rule (FOLLOWUP_CONTENT_SID not set?)", null);
            return;
        }
        for (FollowupRule rule : enabled) {
            decide(event, rule, false);
        }
    }

    /** A scheduled follow-up came due: the same checks again (the contact may have opted out meanwhile). */
    @ActivateRequestContext
    public void onDue(ScheduledFollowup due) {
        Optional<FollowupRule> rule = QuarkusTransaction.requiringNew().call(() -> rules.findByIdOptional(due.ruleId));
        WindowExpired event = parse(due.eventJson);
        if (rule.isEmpty() || !rule.get().enabled) {
            record(event, due.ruleId, Outcome.SKIPPED, "rule " + due.ruleId + " was disabled or removed", null);
            QuarkusTransaction.requiringNew().run(() -> scheduled.finish(due.id, ScheduledFollowup.State.CANCELLED, "rule disabled"));
            return;
        }
        decide(event, rule.get(), true);
        QuarkusTransaction.requiringNew().run(() -> scheduled.finish(due.id, ScheduledFollowup.State.DONE, null));
    }

    private void decide(WindowExpired event, FollowupRule rule, boolean due) {
        String contactId = event.contactId();
        Optional<String> skip = QuarkusTransaction.requiringNew().call(() -> reasonToSkip(event, rule));
        if (skip.isPresent()) {
            record(event, rule.id, Outcome.SKIPPED, skip.get(), null);
            return;
        }
        Instant now = Instant.now();
        Instant sendAt = due ? now : event.expiredAt().plusSeconds(rule.delaySeconds);
        if (sendAt.isBefore(now)) {
            sendAt = now;
        }
        Optional<QuietHours> quiet = QuietHours.parse(rule.quietHours);
        ZoneId zone = quiet.isPresent() ? QuarkusTransaction.requiringNew().call(() -> clock.zoneOf(contactId)) : null;
        if (quiet.isPresent()) {
            sendAt = quiet.get().nextAllowed(sendAt, zone);
        }
        if (sendAt.isAfter(now.plus(SEND_NOW_TOLERANCE))) {
            Instant at = sendAt;
            boolean added = QuarkusTransaction.requiringNew().call(() -> scheduled.schedule(event.eventId(), rule.id,
                    contactId, event.lastMessageAt(), json(event), at));
            if (added) {
                record(event, rule.id, Outcome.SCHEDULED, "due at " + at + (quiet.isPresent() ? " (rule delay, quiet hours "
                        + rule.quietHours + " in " + zone + ")" : " (rule delay)"), null);
            }
            return;
        }
        send(event, rule);
    }

    private Optional<String> reasonToSkip(WindowExpired event, FollowupRule rule) {
        String contactId = event.contactId();
        boolean optedOut = consents.findByIdOptional(contactId).map(c -> c.optedOut).orElse(event.optedOut());
        if (optedOut) {
            return Optional.of("contact opted out");
        }
        if (rule.stopOnReply && activity.wroteAfter(contactId, event.lastMessageAt())) {
            return Optional.of("contact replied after the window opened");
        }
        Optional<Template> template = templates.findBySid(rule.contentSid);
        if (template.isEmpty()) {
            return Optional.of("template " + rule.contentSid + " is not in the registry");
        }
        if (!template.get().approved()) {
            return Optional.of("template " + rule.contentSid + " is " + template.get().approvalStatus
                    + (template.get().rejectionReason == null || template.get().rejectionReason.isBlank() ? ""
                            : ": " + template.get().rejectionReason));
        }
        if (dispatches.countWithKeyPrefix(windowKey(event)) >= rule.maxPerWindow) {
            return Optional.of("this window already had " + rule.maxPerWindow + " follow-up(s) (rule max per window)");
        }
        if (template.get().marketing() && dispatches.marketingSentSince(contactId, Instant.now().minus(config.marketingCooldown()))) {
            return Optional.of("a MARKETING template reached this contact within " + config.marketingCooldown());
        }
        return Optional.empty();
    }

    private void send(WindowExpired event, FollowupRule rule) {
        String variables = ContentVariables.render(rule.contentVariables, placeholders(event));
        var claim = new DispatchRepository.Claim(windowKey(event) + "rule:" + rule.id, Dispatch.Kind.FOLLOWUP,
                event.eventId(), rule.id, null, event.contactId(),
                messages.template(event.contactAddress(), event.businessAddress(), rule.contentSid, variables));
        Dispatcher.Outcome outcome;
        try {
            outcome = dispatcher.dispatch(claim);
        } catch (RuntimeException e) {
            record(event, rule.id, Outcome.FAILED, "gave up after retries: " + e.getMessage(), null);
            throw e;
        }
        if (outcome instanceof Dispatcher.Outcome.DryRun dryRun) {
            record(event, rule.id, Outcome.DRY_RUN, "no Twilio credentials", dryRun.dispatchId());
        } else if (outcome instanceof Dispatcher.Outcome.Sent sent) {
            record(event, rule.id, Outcome.SENT, "Twilio message " + sent.messageSid(), sent.dispatchId());
        } else if (outcome instanceof Dispatcher.Outcome.Rejected rejected) {
            record(event, rule.id, Outcome.FAILED, "Twilio error " + rejected.errorCode() + " (" + rejected.kind() + "): "
                    + rejected.message(), rejected.dispatchId());
        }
    }

    /**
     * A window is the contact plus the message that opened it: the same key whether the tracker's event or a
     * send that came back "outside the window" (63016) asks for the follow-up, so both never send twice.
     */
    private static String windowKey(WindowExpired event) {
        return "followup:" + event.contactId() + ":" + event.lastMessageAt().toEpochMilli() + ":";
    }

    static Map<String, String> placeholders(WindowExpired event) {
        Map<String, String> values = new HashMap<>();
        values.put("profileName", event.profileName());
        values.put("contactId", event.contactId());
        values.put("lastMessageAt", event.lastMessageAt() == null ? null : event.lastMessageAt().toString());
        values.put("expiredAt", event.expiredAt() == null ? null : event.expiredAt().toString());
        return values;
    }

    private void record(WindowExpired event, Long ruleId, Outcome outcome, String reason, Long dispatchId) {
        FollowupDecision decision = new FollowupDecision();
        decision.contactId = event.contactId();
        decision.windowEventId = event.eventId();
        decision.ruleId = ruleId;
        decision.dispatchId = dispatchId;
        decision.decision = outcome;
        decision.reason = reason;
        QuarkusTransaction.requiringNew().run(() -> decisions.record(decision));
        if (outcome == Outcome.SKIPPED || outcome == Outcome.FAILED) {
            Log.infof("follow-up to %s %s: %s", ContactIds.mask(event.contactId()), outcome, reason);
        }
    }

    private static String json(WindowExpired event) {
        try {
            return EventJson.MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
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
