package com.wawindow.sender.rest;

import com.wawindow.sender.service.ReportService;
import com.wawindow.sender.service.ReportService.DayView;
import com.wawindow.sender.service.ReportService.DecisionView;
import com.wawindow.sender.service.StatsView;
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

/** The audit of follow-up decisions and their outcome statistics. */
@Path("/followups")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class FollowupResource {

    private final ReportService reports;

    public FollowupResource(ReportService reports) {
        this.reports = reports;
    }

    /** Follow-ups after closed windows: sent, delivered, read, failed, replied-after-follow-up, over [from, to). */
    @GET
    @Path("/stats")
    public StatsView stats(@QueryParam("from") String from, @QueryParam("to") String to) {
        return reports.followupStats(from, to);
    }

    /** Follow-ups per UTC day over [from, to), by outcome: every day present (zeros included), at most 92. */
    @GET
    @Path("/stats/daily")
    public List<DayView> daily(@QueryParam("from") String from, @QueryParam("to") String to) {
        return reports.followupsPerDay(from, to);
    }

    /** The in-window nudges per rule: nudged and held-out windows and the share of each a reply kept open. */
    @GET
    @Path("/stats/nudges")
    public List<ReportService.NudgeStats> nudges(@QueryParam("from") String from, @QueryParam("to") String to) {
        return reports.nudgeStats(from, to);
    }

    /** Every decision about a contact, newest first: sent, skipped and why, failed and why. */
    @GET
    public List<DecisionView> audit(@QueryParam("contactId") @NotBlank String contactId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return reports.audit(contactId, limit);
    }
}
