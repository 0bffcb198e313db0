package com.wawindow.tracker.rest;

import com.wawindow.events.ContactIds;
import com.wawindow.tracker.entity.Contact;
import com.wawindow.tracker.repository.ContactRepository;
import com.wawindow.tracker.service.ContactCounts;
import com.wawindow.tracker.service.ContactFilter;
import com.wawindow.tracker.service.WindowPolicy;
import com.wawindow.tracker.service.WindowState;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** What an agent sees: one contact's windows, segments of contacts, and counts per state. */
@Path("/contacts")
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {

    private final ContactRepository contacts;
    private final WindowPolicy policy;

    public ContactResource(ContactRepository contacts, WindowPolicy policy) {
        this.contacts = contacts;
        this.policy = policy;
    }

    /** The contact id in E.164 with its plus URL-encoded: {@code /contacts/%2B6281234567890/window}. */
    @GET
    @Path("/{contactId}/window")
    public ContactWindow window(@PathParam("contactId") String contactId) {
        Contact contact = contacts.findByIdOptional(contactId).orElseThrow(() -> new ProblemException(
                Problem.contactNotFound("no inbound message from " + ContactIds.mask(contactId) + " was seen")));
        Instant now = Instant.now();
        return ContactWindow.of(contact, policy.stateAt(contact, now));
    }

    @GET
    public ContactPage list(
            @QueryParam("state") String state,
            @QueryParam("lastMessageAfter") String lastMessageAfter,
            @QueryParam("lastMessageBefore") String lastMessageBefore,
            @QueryParam("optedOut") String optedOut,
            @QueryParam("sort") String sort,
            @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        ContactFilter filter = ContactQueryParameters.parse(state, lastMessageAfter, lastMessageBefore, optedOut, sort,
                limit, cursor);
        Instant now = Instant.now();
        List<Contact> rows = contacts.page(filter, now, policy.expiringSoonLead());
        boolean more = rows.size() > filter.limit();
        List<Contact> page = more ? rows.subList(0, filter.limit()) : rows;
        String nextCursor = null;
        if (more) {
            Contact last = page.get(page.size() - 1);
            nextCursor = ContactQueryParameters.cursor(filter.ascending(), last.lastMessageAt, last.contactId);
        }
        return new ContactPage(page.stream().map(c -> ContactPage.Item.of(c, policy.stateAt(c, now))).toList(), nextCursor);
    }

    @GET
    @Path("/stats")
    public ContactCounts stats() {
        return contacts.counts(Instant.now(), policy.expiringSoonLead());
    }

    public record ContactWindow(
            String contactId,
            WindowState.State state,
            Instant lastMessageAt,
            Instant expiresAt,
            long secondsRemaining,
            boolean expiringSoon,
            EntryPoint entryPoint,
            boolean optedOut,
            String profileName,
            String contactAddress,
            String businessAddress,
            String lastMessageSid,
            Instant firstSeenAt,
            long inboundCount) {

        static ContactWindow of(Contact c, WindowState s) {
            return new ContactWindow(c.contactId, s.state(), c.lastMessageAt, c.windowExpiresAt, s.secondsRemaining(),
                    s.expiringSoon(), new EntryPoint(s.entryPointOpen(), c.entryPointExpiresAt), c.optedOut,
                    c.profileName, c.contactAddress, c.businessAddress, c.lastMessageSid, c.firstSeenAt, c.inboundCount);
        }
    }

    /** The free 72-hour window a click-to-WhatsApp ad opens; expiresAt is null when none was ever opened. */
    public record EntryPoint(boolean open, Instant expiresAt) {
    }

    public record ContactPage(List<Item> items, String nextCursor) {

        public record Item(String contactId, String contactAddress, String profileName, WindowState.State state,
                Instant lastMessageAt, Instant expiresAt, boolean optedOut) {

            static Item of(Contact c, WindowState s) {
                return new Item(c.contactId, c.contactAddress, c.profileName, s.state(), c.lastMessageAt,
                        c.windowExpiresAt, c.optedOut);
            }
        }
    }
}
