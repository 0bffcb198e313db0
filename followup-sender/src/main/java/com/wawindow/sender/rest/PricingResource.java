package com.wawindow.sender.rest;

import com.wawindow.sender.service.CostReport;
import com.wawindow.sender.service.Pricing;
import com.wawindow.sender.service.Pricing.RateView;
import com.wawindow.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * What messages cost: the pricing table (Meta's per-message rates by effective date, category and region), which an
 * admin replaces as a whole, and the cost report of the sends.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class PricingResource {

    private final Pricing pricing;
    private final CostReport costs;

    public PricingResource(Pricing pricing, CostReport costs) {
        this.pricing = pricing;
        this.costs = costs;
    }

    @GET
    @Path("pricing/rates")
    public List<RateView> rates() {
        return pricing.list();
    }

    /** Replaces the whole table: a change Meta announces is a new row with its effective date. */
    @PUT
    @Path("pricing/rates")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public List<RateView> replace(@NotNull List<@Valid @NotNull RateView> rows) {
        return pricing.replace(rows);
    }

    /**
     * Messages, billable messages and estimated cost over [from, to) (the last 7 days by default), by template, rule,
     * campaign, day (default) or category.
     */
    @GET
    @Path("costs")
    public CostReport.Report report(@QueryParam("by") String by, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        return costs.report(by, from, to);
    }
}
