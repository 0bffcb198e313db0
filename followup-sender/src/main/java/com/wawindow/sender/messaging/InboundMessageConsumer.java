package com.wawindow.sender.messaging;

import com.wawindow.events.ConsentChange;
import com.wawindow.events.ContactIds;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.sender.entity.FollowupDecision;
import com.wawindow.sender.entity.ScheduledFollowup;
import com.wawindow.sender.repository.ContactActivityRepository;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.FollowupDecisionRepository;
import com.wawindow.sender.repository.ScheduledFollowupRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import io.smallrye.reactive.messaging.annotations.Blocking;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@link Topics#INBOUND_MESSAGES}, in this service's own consumer group: STOP / START keep the opt-out state,
 * and any message cancels the follow-ups still pending for windows opened before it. Idempotent: the consent
 * and activity upserts keep the newest, and a cancelled follow-up is not pending any more.
 */
@ApplicationScoped
public class InboundMessageConsumer {

    @Inject
    ContactConsentRepository consents;
    @Inject
    ContactActivityRepository activity;
    @Inject
    ScheduledFollowupRepository scheduled;
    @Inject
    FollowupDecisionRepository decisions;

    @Incoming("inbound-messages")
    @Blocking
    @Transactional
    public void onInbound(InboundMessageReceived message) {
        String contactId = message.contactId();
        if (message.consent() == ConsentChange.OPT_OUT || message.consent() == ConsentChange.OPT_IN) {
            boolean optedOut = message.consent() == ConsentChange.OPT_OUT;
            consents.record(contactId, optedOut, "inbound " + message.consent(), message.receivedAt());
            Log.infof("contact %s %s", ContactIds.mask(contactId), optedOut ? "opted out" : "opted in");
        }
        activity.recordInbound(contactId, message.receivedAt());
        for (ScheduledFollowup cancelled : scheduled.cancelOnReply(contactId, message.receivedAt())) {
            FollowupDecision decision = new FollowupDecision();
            decision.contactId = contactId;
            decision.windowEventId = cancelled.windowEventId;
            decision.ruleId = cancelled.ruleId;
            decision.decision = FollowupDecision.Outcome.CANCELLED;
            decision.reason = "contact replied";
            decisions.record(decision);
        }
    }
}
