package com.wawindow.console.rest;

import com.wawindow.console.config.ConsoleRoles;
import com.wawindow.console.service.OverviewService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The start page: contacts per window state, follow-ups today and per day, health of every service. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class OverviewPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance overview(OverviewService.Overview overview);
    }

    private final OverviewService overview;

    public OverviewPages(OverviewService overview) {
        this.overview = overview;
    }

    @GET
    @RolesAllowed(ConsoleRoles.VIEWER)
    public TemplateInstance overview() {
        return Templates.overview(overview.overview());
    }
}
