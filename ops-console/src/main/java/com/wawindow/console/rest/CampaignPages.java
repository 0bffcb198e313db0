package com.wawindow.console.rest;

import com.wawindow.console.client.SenderApi;
import com.wawindow.console.config.ConsoleRoles;
import com.wawindow.console.service.CampaignService;
import com.wawindow.console.service.TemplateCatalog;
import com.wawindow.support.problem.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;

/**
 * Campaigns: create from a segment (its reach and estimated cost shown first; only the confirmation starts it), then
 * follow its progress.
 */
@Path("/campaigns")
@Produces(MediaType.TEXT_HTML)
public class CampaignPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance campaigns(List<CampaignService.Row> rows, List<TemplateCatalog.Entry> templates,
                String error);

        static native TemplateInstance confirm(CampaignService.Preview preview);

        static native TemplateInstance campaign(SenderApi.Campaign campaign);
    }

    /** The campaign form's fields. */
    public static class Fields {
        @FormParam(CsrfToken.FIELD)
        String csrf;
        @FormParam("templateId")
        Long templateId;
        @FormParam("state")
        String state;
        @FormParam("lastMessageAfter")
        String lastMessageAfter;
        @FormParam("lastMessageBefore")
        String lastMessageBefore;

        CampaignService.CampaignForm form() {
            return new CampaignService.CampaignForm(templateId, state, lastMessageAfter, lastMessageBefore);
        }
    }

    private final CampaignService campaigns;
    private final TemplateCatalog templates;
    private final CsrfToken csrf;
    private final SecurityIdentity identity;

    public CampaignPages(CampaignService campaigns, TemplateCatalog templates, CsrfToken csrf, SecurityIdentity identity) {
        this.campaigns = campaigns;
        this.templates = templates;
        this.csrf = csrf;
        this.identity = identity;
    }

    @GET
    @RolesAllowed(ConsoleRoles.VIEWER)
    public TemplateInstance list() {
        return page(null);
    }

    @POST
    @Path("/preview")
    @RolesAllowed(ConsoleRoles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance preview(@BeanParam Fields fields) {
        csrf.verify(fields.csrf);
        try {
            return Templates.confirm(campaigns.preview(fields.form()));
        } catch (ProblemException e) {
            return page(e.problem().getDetail());
        }
    }

    @POST
    @RolesAllowed(ConsoleRoles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object start(@BeanParam Fields fields) {
        csrf.verify(fields.csrf);
        try {
            long id = campaigns.start(fields.form(), identity.getPrincipal().getName());
            return Response.seeOther(UriBuilder.fromPath("/campaigns/{id}").build(id)).build();
        } catch (ProblemException e) {
            return page(e.problem().getDetail());
        }
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(ConsoleRoles.VIEWER)
    public TemplateInstance campaign(@PathParam("id") long id) {
        return Templates.campaign(campaigns.progress(id));
    }

    /** Stops a running campaign before its next page. */
    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(ConsoleRoles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@PathParam("id") long id, @FormParam(CsrfToken.FIELD) String token) {
        csrf.verify(token);
        campaigns.cancel(id, identity.getPrincipal().getName());
        return Response.seeOther(UriBuilder.fromPath("/campaigns/{id}").build(id)).build();
    }

    /** What the progress bar polls. */
    @GET
    @Path("/{id}/progress")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(ConsoleRoles.VIEWER)
    public SenderApi.Campaign progress(@PathParam("id") long id) {
        return campaigns.progress(id);
    }

    private TemplateInstance page(String error) {
        List<TemplateCatalog.Entry> approved = templates.all().stream().filter(e -> e.template().approved()).toList();
        return Templates.campaigns(campaigns.list(), approved, error);
    }
}
