package com.wawindow.tracker.service;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.tracker.repository.ContactDelta;
import com.wawindow.tracker.repository.ContactRepository;
import com.wawindow.tracker.repository.InboundObservation;
import com.wawindow.tracker.repository.ProcessedMessageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a batch of inbound messages to the contact table in one transaction, in two statements (de-duplication, upsert)
 * whatever the batch size; a redelivered message is skipped. A business-scoped contact that turns out to be a phone
 * number's is merged into it in the same transaction ({@link ContactIdentity}).
 */
@ApplicationScoped
public class InboundApplier {

    private final ContactRepository contacts;
    private final ProcessedMessageRepository processedMessages;
    private final WindowPolicy policy;
    private final InboundHistory history;
    private final ContactIdentity identity;
    private final Clock clock;
    private final Counter applied;

    public InboundApplier(ContactRepository contacts, ProcessedMessageRepository processedMessages, WindowPolicy policy,
            InboundHistory history, ContactIdentity identity, Clock clock, MeterRegistry registry) {
        this.history = history;
        this.identity = identity;
        this.clock = clock;
        // per instance (the instance tag): with several trackers, how the partitions spread the inbound work
        this.applied = Counter.builder("tracker.inbound.applied")
                .description("inbound messages this instance applied to a window (duplicates not counted)")
                .register(registry);
        this.contacts = contacts;
        this.processedMessages = processedMessages;
        this.policy = policy;
    }

    /**
     * Records the batch's message sids (one statement), resolves the new messages' contacts ({@link ContactIdentity}:
     * nothing to do without an ExternalUserId), folds them per contact ({@link InboundFold}), upserts them (one statement
     * per round, in practice one) and merges the contacts that turned out to be one.
     *
     * @return how many messages were new (the others were duplicates, within the batch or of an earlier one)
     */
    @Transactional
    public int apply(List<InboundMessageReceived> messages) {
        if (messages.isEmpty()) {
            return 0;
        }
        Set<String> sids = new LinkedHashSet<>(messages.size() * 2);
        for (InboundMessageReceived message : messages) {
            sids.add(message.messageSid());
        }
        Set<String> firstSeen = processedMessages.recordFirstSeen(sids, clock.instant());
        List<InboundMessageReceived> freshMessages = new ArrayList<>(firstSeen.size());
        for (InboundMessageReceived message : messages) {
            // remove: a sid twice in the batch counts once, the first time
            if (firstSeen.remove(message.messageSid())) {
                freshMessages.add(message);
            }
        }
        ContactIdentity.Resolution resolution = identity.resolve(freshMessages);
        List<InboundObservation> fresh = new ArrayList<>(freshMessages.size());
        for (InboundMessageReceived message : resolution.messages()) {
            fresh.add(policy.observe(message));
        }
        for (List<ContactDelta> round : InboundFold.rounds(fresh)) {
            contacts.upsert(round);
        }
        applied.increment(fresh.size());
        history.record(resolution.messages());
        identity.merge(resolution);
        return fresh.size();
    }
}
