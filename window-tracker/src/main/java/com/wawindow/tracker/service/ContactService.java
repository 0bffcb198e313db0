package com.wawindow.tracker.service;

import com.wawindow.events.ContactIds;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.tracker.entity.Contact;
import com.wawindow.tracker.repository.ContactCounts;
import com.wawindow.tracker.repository.ContactFilter;
import com.wawindow.tracker.repository.ContactRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** What an agent reads: one contact's windows, segments of contacts and counts per state, all at the clock's now. */
@ApplicationScoped
public class ContactService {

    private final ContactRepository contacts;
    private final WindowPolicy policy;
    private final Clock clock;

    public ContactService(ContactRepository contacts, WindowPolicy policy, Clock clock) {
        this.contacts = contacts;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * @param contactId as a client writes it: {@code +6281234567890}, the WaId {@code 6281234567890},
     *                  {@code whatsapp:+6281234567890}, with spaces or dashes; normalised as ingest normalises Twilio's
     *                  addressing ({@link ContactIds}), so every form names the same contact
     */
    @Transactional
    public ContactWindow window(String contactId) {
        String id = ContactIds.fromTwilio(null, contactId, null).orElse(contactId);
        Contact contact = contacts.findByIdOptional(id).orElseThrow(() -> new ProblemException(
                TrackerProblems.CONTACT_NOT_FOUND, "no inbound message from " + ContactIds.mask(id) + " was seen"));
        return ContactWindow.of(contact, policy.stateAt(contact, clock.instant()));
    }

    @Transactional
    public ContactPage list(ContactQuery query) {
        Instant now = clock.instant();
        ContactFilter filter = filter(query, now);
        List<Contact> rows = contacts.page(filter);
        boolean more = rows.size() > filter.limit();
        List<Contact> page = more ? rows.subList(0, filter.limit()) : rows;
        String nextCursor = null;
        if (more) {
            Contact last = page.get(page.size() - 1);
            nextCursor = filter.byContactId() ? ContactCursor.encodeByContactId(last.contactId)
                    : ContactCursor.encode(filter.ascending(), last.lastMessageAt, last.contactId);
        }
        return new ContactPage(page.stream().map(c -> ContactPage.Item.of(c, policy.stateAt(c, now))).toList(), nextCursor);
    }

    @Transactional
    public ContactStats stats() {
        Instant now = clock.instant();
        return ContactStats.of(contacts.counts(now, policy.expiringSoonLimit(now)));
    }

    /** A state at {@code now} is a range of closing instants (the rule is {@link WindowPolicy#stateAt}). */
    ContactFilter filter(ContactQuery query, Instant now) {
        Instant expiresAfter = null;
        Instant expiresNotAfter = null;
        if (query.state() != null) {
            switch (query.state()) {
                case OPEN -> expiresAfter = now;
                case CLOSED -> expiresNotAfter = now;
                case EXPIRING_SOON -> {
                    expiresAfter = now;
                    expiresNotAfter = policy.expiringSoonLimit(now);
                }
            }
        }
        return new ContactFilter(expiresAfter, expiresNotAfter, query.lastMessageAfter(), query.lastMessageBefore(),
                query.optedOut(), query.ascending(), query.byContactId(),
                query.byContactId() ? ContactCursor.decodeByContactId(query.cursor())
                        : ContactCursor.decode(query.cursor(), query.ascending()),
                query.limit());
    }

    /** Counts per state; expiringSoon and entryPointOpen are subsets of open. */
    public record ContactStats(long open, long closed, long expiringSoon, long entryPointOpen, long optedOut, long total) {

        static ContactStats of(ContactCounts counts) {
            return new ContactStats(counts.open(), counts.closed(), counts.expiringSoon(), counts.entryPointOpen(),
                    counts.optedOut(), counts.total());
        }
    }
}
