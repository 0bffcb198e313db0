package com.wawindow.sender.rest;

import com.wawindow.sender.service.RuleService;
import com.wawindow.sender.service.RuleService.RuleDraft;
import com.wawindow.sender.service.RuleService.RuleView;
import com.wawindow.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Follow-up rules. The rule named {@code default} is rewritten from FOLLOWUP_* at every start; change it
 * through the environment, or add rules here.
 */
@Path("/rules")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class RuleResource {

    private final RuleService rules;

    public RuleResource(RuleService rules) {
        this.rules = rules;
    }

    @GET
    public List<RuleView> list() {
        return rules.list();
    }

    @GET
    @Path("/{id}")
    public RuleView get(@PathParam("id") long id) {
        return rules.get(id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response create(@Valid @NotNull RuleDraft draft) {
        return Response.status(Response.Status.CREATED).entity(rules.create(draft)).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public RuleView update(@PathParam("id") long id, @Valid @NotNull RuleDraft draft) {
        return rules.update(id, draft);
    }
}
