package com.wawindow.sender.service;

import com.wawindow.events.ContactIds;
import com.wawindow.events.WindowExpiringSoon;
import com.wawindow.sender.client.TwilioSendException;
import com.wawindow.sender.config.NudgeConfig;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.FollowupDecision;
import com.wawindow.sender.entity.FollowupDecision.Decision;
import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.repository.DispatchRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * In-window nudges: on window-expiring-soon, each enabled NUDGE rule sends its short free-form text once per window while
 * the window is still open ({@link NudgePolicy}), through the {@link Dispatcher} like every send, with the window's
 * deadline less {@code FOLLOWUP_NUDGE_CLOSE_MARGIN} as the latest moment its request may leave: a nudge that the rate
 * budget or a retry would push past it is dropped, never sent outside the window. A reply re-opens the window and
 * cancels the pending template follow-up as any reply does; whether the contact replied before the deadline is
 * recorded per window ({@code nudge_window}) for the comparison with the held-out windows.
 */
@ApplicationScoped
public class NudgeService {

    private final NudgeStore store;
    private final Dispatcher dispatcher;
    private final MessageFactory messages;
    private final DecisionLog decisions;
    private final Pricing pricing;
    private final SenderInstance instance;
    private final NudgeConfig config;
    private final Clock clock;

    public NudgeService(NudgeStore store, Dispatcher dispatcher, MessageFactory messages, DecisionLog decisions,
            Pricing pricing, SenderInstance instance, NudgeConfig config, Clock clock) {
        this.store = store;
        this.dispatcher = dispatcher;
        this.messages = messages;
        this.decisions = decisions;
        this.pricing = pricing;
        this.instance = instance;
        this.config = config;
        this.clock = clock;
    }

    public void onExpiringSoon(WindowExpiringSoon event) {
        List<FollowupRule> nudges = store.enabledNudges();
        for (FollowupRule rule : nudges) {
            decide(event, rule);
        }
    }

    private void decide(WindowExpiringSoon event, FollowupRule rule) {
        DispatchRepository.Claim claim = claim(event, rule);
        NudgeStore.Decided decided = store.decide(event, rule, claim, instance.id(), config.nudgeCloseMargin());
        if (decided instanceof NudgeStore.Decided.NotSent notSent) {
            Log.infof("nudge to %s not sent: %s", ContactIds.mask(event.contactId()), notSent.reason());
        } else if (decided instanceof NudgeStore.Decided.Claimed claimed) {
            send(event, rule, claimed.dispatchId(), claim);
        }
    }

    private DispatchRepository.Claim claim(WindowExpiringSoon event, FollowupRule rule) {
        String body = ContentVariables.renderText(rule.body, placeholders(event));
        return new DispatchRepository.Claim(NudgePolicy.nudgeKey(event, rule.id), Dispatch.Kind.NUDGE, event.eventId(),
                rule.id, null, event.contactId(), messages.freeForm(event.contactAddress(), event.businessAddress(), body),
                event.lastMessageAt(), event.expiresAt())
                // a session message inside the open window: Meta's service category
                .priced(pricing.price(new PricingRules.Send(event.contactId(), null, true, false, clock.instant())));
    }

    private void send(WindowExpiringSoon event, FollowupRule rule, long dispatchId, DispatchRepository.Claim claim) {
        DispatchResult result;
        try {
            result = dispatcher.send(dispatchId, claim);
        } catch (TwilioSendException.Transient e) {
            store.dropped(event, rule);
            record(event, rule, Decision.FAILED, "gave up after attempts, none created: " + e.getMessage(), dispatchId);
            return;
        }
        if (!(result instanceof DispatchResult.Sent)) {
            // cancelled (the deadline came first), refused, or a dry run: nothing reached the contact
            store.dropped(event, rule);
        }
        result.audit().ifPresent(audit -> record(event, rule, audit.decision(), audit.reason(), audit.dispatchId()));
    }

    static Map<String, String> placeholders(WindowExpiringSoon event) {
        Map<String, String> values = new HashMap<>();
        values.put("profileName", event.profileName());
        values.put("contactId", event.contactId());
        values.put("lastMessageAt", event.lastMessageAt() == null ? null : event.lastMessageAt().toString());
        values.put("expiresAt", event.expiresAt() == null ? null : event.expiresAt().toString());
        return values;
    }

    private void record(WindowExpiringSoon event, FollowupRule rule, Decision decision, String reason, Long dispatchId) {
        FollowupDecision entry = FollowupDecision.of(event.contactId(), decision, "nudge: " + reason);
        entry.windowEventId = event.eventId();
        entry.ruleId = rule.id;
        entry.dispatchId = dispatchId;
        decisions.record(entry);
    }
}
