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
import com.wawindow.sender.repository.ContactAliasRepository;
import com.wawindow.sender.repository.NudgeWindowRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

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
    private final NudgeWindowRepository nudgeWindows;
    private final ContactAliasRepository aliases;
    private final Clock clock;

    public InboundService(ContactConsentRepository consents, ContactActivityRepository activity,
            ScheduledFollowupRepository scheduled, ProcessedInboundRepository processed, FollowupDecisionRepository decisions,
            FollowupMetrics metrics, NudgeWindowRepository nudgeWindows, ContactAliasRepository aliases, Clock clock) {
        this.aliases = aliases;
        this.nudgeWindows = nudgeWindows;
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
        Map<String, String> merged = identities(messages);
        List<String> repliedContacts = new ArrayList<>();
        List<Instant> repliedAt = new ArrayList<>();
        for (InboundMessageReceived message : messages) {
            String contactId = merged.getOrDefault(message.contactId(), message.contactId());
            if (apply(message, contactId)) {
                repliedContacts.add(contactId);
                repliedAt.add(message.receivedAt());
            }
        }
        // one statement per batch: which nudged or held-out windows a reply kept open
        nudgeWindows.replied(repliedContacts, repliedAt);
    }

    /**
     * The contacts of the batch's messages, as the tracker merges identities: a phone message that names its
     * ExternalUserId makes the bsuid an alias of the phone contact, and the follow-ups still pending for the bsuid's
     * windows are cancelled as by any reply (one window history, nothing twice); a bsuid known to be a phone contact is
     * that contact. One statement per batch for each, and none for a batch without an ExternalUserId or a bsuid.
     * @return bsuid id to its phone contact id, for the batch's bsuid messages that have one
     */
    private Map<String, String> identities(List<InboundMessageReceived> messages) {
        SortedMap<String, InboundMessageReceived> merging = new TreeMap<>();
        Set<String> businessScoped = new TreeSet<>();
        for (InboundMessageReceived message : messages) {
            if (ContactIds.isPhoneNumber(message.contactId())) {
                ContactIds.businessScoped(message.externalUserId()).ifPresent(alias -> merging.putIfAbsent(alias, message));
            } else if (ContactIds.isBusinessScoped(message.contactId())) {
                businessScoped.add(message.contactId());
            }
        }
        SortedMap<String, String> aliasTargets = new TreeMap<>();
        merging.forEach((alias, message) -> aliasTargets.put(alias, message.contactId()));
        for (String alias : aliases.recordNew(aliasTargets, clock.instant())) {
            InboundMessageReceived message = merging.get(alias);
            String contactId = message.contactId();
            Log.infof("contact %s is %s: merged", alias, ContactIds.mask(contactId));
            // the bsuid's consent carries over unless the phone's own is newer
            consents.findByIdOptional(alias).ifPresent(consent -> consents.record(contactId, consent.optedOut,
                    "merged from " + alias + ": " + consent.reason, consent.changedAt));
            cancelPending(alias, message.receivedAt(),
                    "contact replied as " + ContactIds.mask(contactId) + " (the same user, merged)");
        }
        return aliases.targets(businessScoped);
    }

    /** @return false for a message applied before */
    private boolean apply(InboundMessageReceived message, String contactId) {
        if (!processed.recordFirstSeen(message.messageSid(), contactId, message.receivedAt(), clock.instant())) {
            Log.debugf("inbound message %s to %s seen before: nothing to do", message.messageSid(), ContactIds.mask(contactId));
            return false;
        }
        if (message.consent() == ConsentChange.OPT_OUT || message.consent() == ConsentChange.OPT_IN) {
            boolean optedOut = message.consent() == ConsentChange.OPT_OUT;
            consents.record(contactId, optedOut, "inbound " + message.consent(), message.receivedAt());
            Log.infof("contact %s %s", ContactIds.mask(contactId), optedOut ? "opted out" : "opted in");
        }
        activity.recordInbound(contactId, message.receivedAt(), message.messageSid());
        cancelPending(contactId, message.receivedAt(), "contact replied");
        return true;
    }

    /** Cancels the contact's follow-ups still pending for windows opened before {@code replyAt}, each audited. */
    private void cancelPending(String contactId, Instant replyAt, String reason) {
        for (ScheduledFollowup cancelled : scheduled.cancelOnReply(contactId, replyAt)) {
            FollowupDecision entry = FollowupDecision.of(contactId, Decision.CANCELLED, reason);
            entry.windowEventId = cancelled.windowEventId;
            entry.ruleId = cancelled.ruleId;
            decisions.record(entry, clock.instant());
            metrics.decided(entry);
        }
    }
}
