package com.wawindow.sender.rest;

import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.FollowupDecision;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.FollowupDecisionRepository;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The audit of follow-up decisions and their outcome statistics. */
@Path("/followups")
@Produces(MediaType.APPLICATION_JSON)
public class FollowupResource {

    /** One audited decision. */
    public record DecisionView(long id, String contactId, UUID windowEventId, Long ruleId, Long campaignId,
            Long dispatchId, FollowupDecision.Outcome decision, String reason, Instant decidedAt) {

        static DecisionView of(FollowupDecision d) {
            return new DecisionView(d.id, d.contactId, d.windowEventId, d.ruleId, d.campaignId, d.dispatchId, d.decision,
                    d.reason, d.decidedAt);
        }
    }

    @Inject
    FollowupDecisionRepository decisions;
    @Inject
    DispatchRepository dispatches;

    /** Follow-ups after closed windows: sent, delivered, read, failed, replied-after-follow-up, over [from, to). */
    @GET
    @Path("/stats")
    public StatsView stats(@QueryParam("from") String from, @QueryParam("to") String to) {
        TimeRange range = TimeRange.parse(from, to);
        return StatsView.of(range.from(), range.to(), dispatches.counts(range.from(), range.to(), null, Dispatch.Kind.FOLLOWUP));
    }

    /** Every decision about a contact, newest first: sent, skipped and why, failed and why. */
    @GET
    public List<DecisionView> audit(@QueryParam("contactId") @NotBlank String contactId,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return decisions.forContact(contactId, limit).stream().map(DecisionView::of).toList();
    }
}
