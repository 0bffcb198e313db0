package com.wawindow.sender.service;

import com.wawindow.events.ConsentChange;
import com.wawindow.events.ContactIds;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.sender.entity.FollowupDecision;
import com.wawindow.sender.entity.FollowupDecision.Decision;
import com.wawindow.sender.entity.ScheduledFollowup;
import com.wawindow.sender.repository.ContactActivityRepository;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.FollowupDecisionRepository;
import com.wawindow.sender.repository.ProcessedInboundRepository;
import com.wawindow.sender.repository.ScheduledFollowupRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * What an inbound message means to the sender: STOP / START keep the opt-out state, and any message cancels the
 * follow-ups still pending for windows opened before it. Idempotent: a MessageSid already applied changes nothing
 * (the first sighting wins, as in the tracker, so a Twilio retry's later receivedAt is no reply); consent changes
 * are ordered by when the customer sent them (a replayed older START never undoes a later STOP); the cancellations'
 * audit commits with them.
 */
@ApplicationScoped
public class InboundService {

    private final ContactConsentRepository consents;
    private final ContactActivityRepository activity;
    private final ScheduledFollowupRepository scheduled;
    private final ProcessedInboundRepository processed;
    private final FollowupDecisionRepository decisions;
    private final FollowupMetrics metrics;
    private final Clock clock;

    public InboundService(ContactConsentRepository consents, ContactActivityRepository activity,
            ScheduledFollowupRepository scheduled, ProcessedInboundRepository processed, FollowupDecisionRepository decisions,
            FollowupMetrics metrics, Clock clock) {
        this.processed = processed;
        this.metrics = metrics;
        this.consents = consents;
        this.activity = activity;
        this.scheduled = scheduled;
        this.decisions = decisions;
        this.clock = clock;
    }

    /** A batch of inbound messages in their order, in one transaction (the consumer's poll). */
    @Transactional
    public void onInbound(List<InboundMessageReceived> messages) {
        messages.forEach(this::apply);
    }

    private void apply(InboundMessageReceived message) {
        String contactId = message.contactId();
        if (!processed.recordFirstSeen(message.messageSid(), contactId, message.receivedAt(), clock.instant())) {
            Log.debugf("inbound message %s to %s seen before: nothing to do", message.messageSid(), ContactIds.mask(contactId));
            return;
        }
        if (message.consent() == ConsentChange.OPT_OUT || message.consent() == ConsentChange.OPT_IN) {
            boolean optedOut = message.consent() == ConsentChange.OPT_OUT;
            consents.record(contactId, optedOut, "inbound " + message.consent(), message.receivedAt());
            Log.infof("contact %s %s", ContactIds.mask(contactId), optedOut ? "opted out" : "opted in");
        }
        activity.recordInbound(contactId, message.receivedAt(), message.messageSid());
        for (ScheduledFollowup cancelled : scheduled.cancelOnReply(contactId, message.receivedAt())) {
            FollowupDecision entry = FollowupDecision.of(contactId, Decision.CANCELLED, "contact replied");
            entry.windowEventId = cancelled.windowEventId;
            entry.ruleId = cancelled.ruleId;
            decisions.record(entry, clock.instant());
            metrics.decided(entry);
        }
    }
}
