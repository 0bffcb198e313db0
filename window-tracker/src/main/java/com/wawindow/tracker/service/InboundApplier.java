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
 * whatever the batch size; a redelivered message is skipped.
 */
@ApplicationScoped
public class InboundApplier {

    private final ContactRepository contacts;
    private final ProcessedMessageRepository processedMessages;
    private final WindowPolicy policy;
    private final InboundHistory history;
    private final Clock clock;
    private final Counter applied;

    public InboundApplier(ContactRepository contacts, ProcessedMessageRepository processedMessages, WindowPolicy policy,
            InboundHistory history, Clock clock, MeterRegistry registry) {
        this.history = history;
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
     * Records the batch's message sids (one statement), folds the new messages per contact ({@link InboundFold}) and
     * upserts them (one statement per round, in practice one).
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
        List<InboundObservation> fresh = new ArrayList<>(firstSeen.size());
        List<InboundMessageReceived> freshMessages = new ArrayList<>(firstSeen.size());
        for (InboundMessageReceived message : messages) {
            // remove: a sid twice in the batch counts once, the first time
            if (firstSeen.remove(message.messageSid())) {
                fresh.add(policy.observe(message));
                freshMessages.add(message);
            }
        }
        for (List<ContactDelta> round : InboundFold.rounds(fresh)) {
            contacts.upsert(round);
        }
        applied.increment(fresh.size());
        history.record(freshMessages);
        return fresh.size();
    }
}
