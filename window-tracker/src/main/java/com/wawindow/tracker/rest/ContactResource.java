package com.wawindow.tracker.rest;

import com.wawindow.support.security.Roles;
import com.wawindow.tracker.service.ContactPage;
import com.wawindow.tracker.service.ContactService;
import com.wawindow.tracker.service.ContactService.ContactStats;
import com.wawindow.tracker.service.ContactWindow;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What an agent sees: one contact's windows, segments of contacts, and counts per state. Reads only: viewer role. */
@Path("/contacts")
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {

    private final ContactService contacts;

    public ContactResource(ContactService contacts) {
        this.contacts = contacts;
    }

    /** The contact id in E.164 with its plus URL-encoded: {@code /contacts/%2B6281234567890/window}. */
    @GET
    @Path("/{contactId}/window")
    @RolesAllowed(Roles.VIEWER)
    public ContactWindow window(@PathParam("contactId") String contactId) {
        return contacts.window(contactId);
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
