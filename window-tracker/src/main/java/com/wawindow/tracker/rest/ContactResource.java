package com.wawindow.tracker.rest;

import com.wawindow.support.security.Roles;
import com.wawindow.tracker.service.ContactPage;
import com.wawindow.tracker.service.ContactService;
import com.wawindow.tracker.service.ContactService.ContactStats;
import com.wawindow.tracker.service.ContactService.InboundMessageView;
import com.wawindow.tracker.service.ContactService.SegmentCount;
import com.wawindow.tracker.service.ContactWindow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** What an agent sees: one contact's windows, segments of contacts, and counts per state. Reads only: viewer role. */
@Path("/contacts")
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {

    private final ContactService contacts;

    public ContactResource(ContactService contacts) {
        this.contacts = contacts;
    }

    /**
     * The contact id in any form ({@link com.wawindow.events.ContactIds#fromInput}): {@code /contacts/6281234567890/window},
     * {@code /contacts/%2B6281234567890/window}, {@code /contacts/whatsapp:%2B62%20812-3456-7890/window}.
     */
    @GET
    @Path("/{contactId}/window")
    @RolesAllowed(Roles.VIEWER)
    public ContactWindow window(@PathParam("contactId") String contactId) {
        return contacts.window(contactId);
    }

    /** The inbound messages the tracker holds for the contact (the last HISTORY_SIZE), newest first. */
    @GET
    @Path("/{contactId}/messages")
    @RolesAllowed(Roles.VIEWER)
    public List<InboundMessageView> messages(@PathParam("contactId") String contactId,
            @QueryParam("limit") @DefaultValue("20")
            @Pattern(regexp = "0*([1-9][0-9]?|100)", message = "must be a whole number from 1 to 100") String limit) {
        return contacts.messages(contactId, Integer.parseInt(limit));
    }

    /** How many contacts the filters of {@code GET /contacts} select (cursor, sort and limit ignored). */
    @GET
    @Path("/count")
    @RolesAllowed(Roles.VIEWER)
    public SegmentCount count(@Valid @BeanParam ContactListParameters parameters) {
        return contacts.count(parameters.toQuery());
    }

    @GET
    @RolesAllowed(Roles.VIEWER)
    public ContactPage list(@Valid @BeanParam ContactListParameters parameters) {
        return contacts.list(parameters.toQuery());
    }

    @GET
    @Path("/stats")
    @RolesAllowed(Roles.VIEWER)
    public ContactStats stats() {
        return contacts.stats();
    }
}
