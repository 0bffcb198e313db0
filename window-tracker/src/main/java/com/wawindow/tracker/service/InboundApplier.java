package com.wawindow.tracker.service;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.tracker.repository.ContactRepository;
import com.wawindow.tracker.repository.InboundObservation;
import com.wawindow.tracker.repository.ProcessedMessageRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Applies a batch of inbound messages to the contact table in one transaction; a redelivered message is skipped. */
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

    /** @return how many messages were new (the others were duplicates) */
    @Transactional
    public int apply(List<InboundMessageReceived> messages) {
        if (messages.isEmpty()) {
            return 0;
        }
        List<Boolean> firstSeen = processedMessages.recordFirstSeen(
                messages.stream().map(InboundMessageReceived::messageSid).toList(), clock.instant());
        List<InboundObservation> fresh = new ArrayList<>(messages.size());
        List<InboundMessageReceived> freshMessages = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            if (firstSeen.get(i)) {
                fresh.add(policy.observe(messages.get(i)));
                freshMessages.add(messages.get(i));
            }
        }
        contacts.upsert(fresh);
        applied.increment(fresh.size());
        history.record(freshMessages);
        return fresh.size();
    }
}
