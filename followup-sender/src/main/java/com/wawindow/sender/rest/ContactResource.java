package com.wawindow.sender.rest;

import com.wawindow.sender.entity.ContactTimezone;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.ContactTimezoneRepository;
import com.wawindow.sender.service.ContactClock;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
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
import java.time.DateTimeException;
import java.time.ZoneId;

/** What the sender knows about a contact: consent and the timezone used for quiet hours (overridable). */
@Path("/contacts/{contactId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactResource {

    public record ContactView(String contactId, boolean optedOut, String zoneId) {
    }

    public record TimezoneRequest(@NotBlank String zoneId) {
    }

    @Inject
    ContactConsentRepository consents;
    @Inject
    ContactTimezoneRepository timezones;
    @Inject
    ContactClock clock;

    @GET
    public ContactView get(@PathParam("contactId") String contactId) {
        return new ContactView(contactId, consents.isOptedOut(contactId), clock.zoneOf(contactId).getId());
    }

    /** Overrides the timezone derived from the phone's country code, e.g. {@code {"zoneId":"Asia/Makassar"}}. */
    @PUT
    @Path("/timezone")
    @Transactional
    public ContactView setTimezone(@PathParam("contactId") String contactId, @Valid @NotNull TimezoneRequest request) {
        String zone;
        try {
            zone = ZoneId.of(request.zoneId().trim()).getId();
        } catch (DateTimeException e) {
            throw Problem.invalid("unknown timezone '" + request.zoneId() + "', use an IANA id such as Asia/Jakarta");
        }
        ContactTimezone override = timezones.findByIdOptional(contactId).orElseGet(ContactTimezone::new);
        if (override.contactId == null) {
            override.contactId = contactId;
            override.zoneId = zone;
            timezones.persist(override);
        } else {
            timezones.update("zoneId = ?1 where contactId = ?2", zone, contactId);
            timezones.getEntityManager().clear();
        }
        return get(contactId);
    }
}
