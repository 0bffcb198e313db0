package com.wawindow.sender.rest;

import com.wawindow.sender.service.ContactService;
import com.wawindow.sender.service.ContactService.ContactView;
import com.wawindow.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What the sender knows about a contact: consent and the timezone used for quiet hours (overridable). */
@Path("/contacts/{contactId}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class ContactResource {

    public record TimezoneRequest(@NotBlank String zoneId) {
    }

    private final ContactService contacts;

    public ContactResource(ContactService contacts) {
        this.contacts = contacts;
    }

    @GET
    public ContactView get(@PathParam("contactId") String contactId) {
        return contacts.view(contactId);
    }

    /** Overrides the timezone derived from the phone's country code, e.g. {@code {"zoneId":"Asia/Makassar"}}. */
    @PUT
    @Path("/timezone")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public ContactView setTimezone(@PathParam("contactId") String contactId, @Valid @NotNull TimezoneRequest request) {
        return contacts.setZone(contactId, request.zoneId());
    }
}
