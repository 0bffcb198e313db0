package com.wawindow.tracker.service;

import com.wawindow.events.ContactIds;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.tracker.repository.ContactAliasRepository;
import com.wawindow.tracker.repository.ContactRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One contact for one person when WhatsApp knew them first by their business-scoped user id only ({@code bsuid:<id>}, a
 * username-only user) and later by their number: the first message that carries both records the alias
 * {@code bsuid:<id>} to the phone id, and in the same transaction the bsuid's row and history are merged into the
 * phone contact's and the bsuid row is deleted, so the expiry engine never follows up the bsuid's window beside the
 * phone's. From then on a bsuid-only message applies to the phone contact, under the phone's address.
 *
 * <p>Costs nothing for messages that carry no ExternalUserId, one statement per batch for those that do (the aliases,
 * {@code ON CONFLICT DO NOTHING}); the locks and the merge only come with a bsuid contact id or a new alias. A bsuid's
 * messages and its merge run in different partitions (different keys), so they may be applied at the same moment: a
 * batch with bsuid messages holds a shared advisory lock per bsuid while it reads the aliases and writes, a batch that
 * records an alias holds it exclusively while it looks for the bsuid row. Either the bsuid row was committed before the
 * merge looks for it, or the alias was committed before the bsuid messages read it; never neither.
 */
@ApplicationScoped
public class ContactIdentity {

    private final ContactAliasRepository aliases;
    private final ContactRepository contacts;
    private final InboundHistory history;
    private final Clock clock;
    private final Counter merged;

    public ContactIdentity(ContactAliasRepository aliases, ContactRepository contacts, InboundHistory history, Clock clock,
            MeterRegistry registry) {
        this.aliases = aliases;
        this.contacts = contacts;
        this.history = history;
        this.clock = clock;
        this.merged = Counter.builder("tracker.contacts.merged")
                .description("business-scoped contacts merged into the phone contact they turned out to be")
                .register(registry);
    }

    /**
     * The batch's new messages as they are to be applied, and the merges owed once they are.
     *
     * @param messages the contacts to apply them to (a bsuid with an alias becomes its phone contact)
     * @param merges   alias id to phone contact id, for each alias this batch recorded
     */
    public record Resolution(List<InboundMessageReceived> messages, SortedMap<String, String> merges) {
    }

    /**
     * Records the batch's new aliases, takes the locks and points each bsuid message that has an alias at its phone
     * contact. In the applier's transaction, before its upsert.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Resolution resolve(List<InboundMessageReceived> messages) {
        SortedMap<String, String> seen = new TreeMap<>();
        Set<String> businessScoped = new TreeSet<>();
        for (InboundMessageReceived m : messages) {
            if (ContactIds.isPhoneNumber(m.contactId())) {
                ContactIds.businessScoped(m.externalUserId()).ifPresent(alias -> seen.putIfAbsent(alias, m.contactId()));
            } else if (ContactIds.isBusinessScoped(m.contactId())) {
                businessScoped.add(m.contactId());
            }
        }
        Set<String> recorded = seen.isEmpty() ? Set.of() : aliases.recordNew(seen, clock.instant());
        if (recorded.isEmpty() && businessScoped.isEmpty()) {
            return new Resolution(messages, new TreeMap<>());
        }
        SortedMap<String, Boolean> locks = new TreeMap<>();
        businessScoped.forEach(id -> locks.put(id, false));
        recorded.forEach(id -> locks.put(id, true));
        aliases.lock(locks);

        SortedMap<String, String> merges = new TreeMap<>();
        recorded.forEach(id -> merges.put(id, seen.get(id)));
        Map<String, String> targets = aliases.targets(businessScoped);
        if (targets.isEmpty()) {
            return new Resolution(messages, merges);
        }
        List<InboundMessageReceived> resolved = new ArrayList<>(messages.size());
        for (InboundMessageReceived m : messages) {
            String target = targets.get(m.contactId());
            resolved.add(target == null ? m : onto(m, target));
        }
        return new Resolution(resolved, merges);
    }

    /** Merges each bsuid contact the batch found a phone for into it. In the applier's transaction, after its upsert. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void merge(Resolution resolution) {
        resolution.merges().forEach((alias, phone) -> {
            if (contacts.mergeInto(phone, alias)) {
                history.move(alias, phone);
                merged.increment();
                Log.infof("contact %s is %s: merged into it", ContactIds.mask(alias), ContactIds.mask(phone));
            }
        });
    }

    /** The message as the phone contact's: its id, and its address, where replies to it go. */
    static InboundMessageReceived onto(InboundMessageReceived m, String contactId) {
        return new InboundMessageReceived(m.eventId(), m.version(), m.receivedAt(), contactId, m.messageSid(),
                m.accountSid(), m.messagingServiceSid(), ContactIds.whatsappAddress(contactId), m.to(), m.body(),
                m.profileName(), m.waId(), m.externalUserId(), m.messageType(), m.numMedia(), m.media(), m.buttonText(),
                m.buttonPayload(), m.originalRepliedMessageSid(), m.location(), m.referral(), m.consent(),
                m.otherParameters());
    }
}
