package com.wawindow.console.rest;

import com.wawindow.console.config.ConsoleRoles;
import com.wawindow.console.service.CostService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** What the sends cost: messages, billable ones and their estimated cost, by day, template, rule, campaign or category. */
@Path("/costs")
@Produces(MediaType.TEXT_HTML)
public class CostPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance costs(CostService.Filters filters, CostService.View view, List<String> groupings);
    }

    private final CostService costs;

    public CostPages(CostService costs) {
        this.costs = costs;
    }

    @GET
    @RolesAllowed(ConsoleRoles.VIEWER)
    public TemplateInstance costs(@QueryParam("by") String by, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        CostService.Filters filters = new CostService.Filters(by, from, to);
        return Templates.costs(filters, costs.report(filters), CostService.GROUPINGS);
    }
}
