package com.wawindow.sender.rest;

import com.wawindow.sender.service.CampaignEstimator;
import com.wawindow.sender.service.CampaignService;
import com.wawindow.sender.service.CampaignService.CampaignOrder;
import com.wawindow.sender.service.CampaignService.CampaignView;
import com.wawindow.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Broadcast campaigns: one approved template to a segment of window-tracker's contacts (opted-out excluded). */
@Path("/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class CampaignResource {

    private final CampaignService campaigns;
    private final CampaignEstimator estimator;

    public CampaignResource(CampaignService campaigns, CampaignEstimator estimator) {
        this.campaigns = campaigns;
        this.estimator = estimator;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response start(@Valid @NotNull CampaignOrder order) {
        return Response.status(Response.Status.CREATED).entity(campaigns.start(order)).build();
    }

    /**
     * What this campaign would cost if started now: its reach, how many sends are billable and their estimated cost
     * under the pricing table. Nothing is stored or sent.
     */
    @POST
    @Path("/estimate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public CampaignEstimator.Estimate estimate(@Valid @NotNull CampaignOrder order) {
        return estimator.estimate(order);
    }

    /** The newest campaigns first, with their progress. */
    @GET
    public List<CampaignView> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return campaigns.list(limit);
    }

    /** Stops a running campaign before its next page; a completed or cancelled one stays as it is. */
    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.ADMIN)
    public CampaignView cancel(@PathParam("id") long id) {
        return campaigns.cancel(id);
    }

    @GET
    @Path("/{id}")
    public CampaignView get(@PathParam("id") long id) {
        return campaigns.progress(id);
    }
}
