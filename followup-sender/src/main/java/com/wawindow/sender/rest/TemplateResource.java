package com.wawindow.sender.rest;

import com.wawindow.sender.service.StatsView;
import com.wawindow.sender.service.TemplateService;
import com.wawindow.sender.service.TemplateService.TemplateRegistration;
import com.wawindow.sender.service.TemplateService.TemplateView;
import com.wawindow.sender.service.TemplateSync;
import com.wawindow.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The template registry: what may be sent, synced from Twilio's Content API or registered by hand. */
@Path("/templates")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class TemplateResource {

    private final TemplateService templates;
    private final TemplateSync sync;

    public TemplateResource(TemplateService templates, TemplateSync sync) {
        this.templates = templates;
        this.sync = sync;
    }

    @GET
    public List<TemplateView> list() {
        return templates.list();
    }

    @GET
    @Path("/{id}")
    public TemplateView get(@PathParam("id") long id) {
        return templates.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response register(@Valid @NotNull TemplateRegistration request) {
        return Response.status(Response.Status.CREATED).entity(templates.register(request)).build();
    }

    /** Syncs now from {@code GET /v1/ContentAndApprovals}; 502 problem JSON when Twilio cannot be asked. */
    @POST
    @Path("/sync")
    @RolesAllowed(Roles.ADMIN)
    public TemplateSync.SyncResult syncNow() {
        return sync.sync();
    }

    /** What became of this template's messages over [from, to). */
    @GET
    @Path("/{id}/stats")
    public StatsView stats(@PathParam("id") long id, @QueryParam("from") String from, @QueryParam("to") String to) {
        return templates.stats(id, from, to);
    }
}
