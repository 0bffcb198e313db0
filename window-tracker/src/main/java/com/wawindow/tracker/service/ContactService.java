package com.wawindow.tracker.service;

import com.wawindow.events.ContactIds;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import com.wawindow.tracker.entity.Contact;
import com.wawindow.tracker.repository.ContactAliasRepository;
import com.wawindow.tracker.repository.ContactCounts;
import com.wawindow.tracker.repository.ContactFilter;
import com.wawindow.tracker.repository.ContactRepository;
import com.wawindow.tracker.repository.InboundHistoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What an agent reads: one contact's windows, segments of contacts and counts per state, all at the clock's now. */
@ApplicationScoped
public class ContactService {

    /** The fewest digits a search takes: fewer would match nearly everybody. */
    static final int MIN_SEARCH_DIGITS = 3;

    private final ContactRepository contacts;
    private final InboundHistoryRepository history;
    private final ContactAliasRepository aliases;
    private final WindowPolicy policy;
    private final Clock clock;

    public ContactService(ContactRepository contacts, InboundHistoryRepository history, ContactAliasRepository aliases,
            WindowPolicy policy, Clock clock) {
        this.contacts = contacts;
        this.history = history;
        this.aliases = aliases;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * @param contactId as a client writes it: {@code +6281234567890}, the WaId {@code 6281234567890},
     *                  {@code whatsapp:+6281234567890}, with spaces or dashes; normalised as ingest normalises Twilio's
     *                  addressing ({@link ContactIds}), so every form names the same contact; a {@code bsuid:<id>}
     *                  merged into a phone contact names that one
     */
    @Transactional
    public ContactWindow window(String contactId) {
        Contact contact = known(contactId);
        return ContactWindow.of(contact, policy.stateAt(contact, clock.instant()));
    }

    /** The inbound messages the tracker still holds for a contact (at most HISTORY_SIZE), newest first. */
    @Transactional
    public List<InboundMessageView> messages(String contactId, int limit) {
        Contact contact = known(contactId);
        return history.newest(contact.contactId, limit).stream().map(InboundMessageView::of).toList();
    }

    /** How many contacts a segment holds: what a campaign on it would reach before opted-out ones are skipped. */
    @Transactional
    public SegmentCount count(ContactQuery query) {
        Instant now = clock.instant();
        return new SegmentCount(contacts.count(filter(query, now)), now);
    }

    /** The contact by its id, or by a business-scoped id merged into it (then the answer carries the phone id). */
    private Contact known(String contactId) {
        String id = ContactIds.fromInput(contactId).orElse(contactId == null ? "" : contactId.strip());
        return contacts.findByIdOptional(id)
                .or(() -> ContactIds.isBusinessScoped(id) ? aliases.target(id).flatMap(contacts::findByIdOptional)
                        : Optional.empty())
                .orElseThrow(() -> new ProblemException(TrackerProblems.CONTACT_NOT_FOUND,
                        "no inbound message from " + ContactIds.mask(id) + " was seen"));
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
                query.optedOut(), searchDigits(query.search()), query.ascending(), query.byContactId(),
                query.byContactId() ? ContactCursor.decodeByContactId(query.cursor())
                        : ContactCursor.decode(query.cursor(), query.ascending()),
                query.limit());
    }

    /** The digits of a search in any form ({@code whatsapp:+62 812-34}); a bsuid cannot be searched for. */
    static String searchDigits(String search) {
        if (search == null || search.isBlank()) {
            return null;
        }
        String digits = search.replaceAll("[^0-9]", "");
        if (digits.length() < MIN_SEARCH_DIGITS) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "search must hold at least " + MIN_SEARCH_DIGITS + " digits of a phone number");
        }
        return digits;
    }

    /** One inbound message as the history shows it; {@code preview} is null when no text is kept. */
    public record InboundMessageView(String messageSid, Instant receivedAt, String messageType, int mediaCount,
            String preview) {

        static InboundMessageView of(InboundHistoryRepository.Entry e) {
            return new InboundMessageView(e.messageSid(), e.receivedAt(), e.messageType(), e.mediaCount(), e.preview());
        }
    }

    /** The size of a segment at {@code countedAt}. */
    public record SegmentCount(long count, Instant countedAt) {
    }

    /** Counts per state; expiringSoon and entryPointOpen are subsets of open. */
    public record ContactStats(long open, long closed, long expiringSoon, long entryPointOpen, long optedOut, long total) {

        static ContactStats of(ContactCounts counts) {
            return new ContactStats(counts.open(), counts.closed(), counts.expiringSoon(), counts.entryPointOpen(),
                    counts.optedOut(), counts.total());
        }
    }
}
