package com.wawindow.sender.rest;

import com.wawindow.sender.service.ReportService;
import com.wawindow.sender.service.ReportService.DispatchView;
import com.wawindow.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The sends to a contact and the delivery status Twilio's callbacks reported for each. */
@Path("/dispatches")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class DispatchResource {

    private final ReportService reports;

    public DispatchResource(ReportService reports) {
        this.reports = reports;
    }

    /** {@code contactId} in any form: {@code +6281234567890}, {@code 6281234567890}, {@code whatsapp:+62 812-...}. */
    @GET
    public List<DispatchView> forContact(@QueryParam("contactId") @NotBlank String contactId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return reports.dispatches(contactId, limit);
    }
}
