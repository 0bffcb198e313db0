package com.wawindow.console.rest;

import com.wawindow.console.client.SenderApi;
import com.wawindow.console.config.ConsoleRoles;
import com.wawindow.console.service.RuleService;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.List;

/** Follow-up and nudge rules: everyone reads them, admins add and change them. */
@Path("/rules")
@Produces(MediaType.TEXT_HTML)
public class RulePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance rules(List<SenderApi.Rule> rules, String notice);

        static native TemplateInstance rule(SenderApi.Rule rule, RuleService.RuleForm form, String error);
    }

    /** The edit form's fields. */
    public static class Fields {
        @FormParam(CsrfToken.FIELD)
        String csrf;
        @FormParam("name")
        String name;
        @FormParam("contentSid")
        String contentSid;
        @FormParam("contentVariables")
        String contentVariables;
        @FormParam("delaySeconds")
        String delaySeconds;
        @FormParam("maxPerWindow")
        String maxPerWindow;
        @FormParam("stopOnReply")
        String stopOnReply;
        @FormParam("quietHours")
        String quietHours;
        @FormParam("enabled")
        String enabled;
        @FormParam("requireUtility")
        String requireUtility;
        @FormParam("kind")
        String kind;
        @FormParam("body")
        String body;
        @FormParam("holdoutPercent")
        String holdoutPercent;
        @FormParam("quietAfterSendSeconds")
        String quietAfterSendSeconds;
        @FormParam("preferFree")
        String preferFree;

        RuleService.RuleForm form() {
            return new RuleService.RuleForm(name, contentSid, contentVariables, delaySeconds, maxPerWindow, stopOnReply,
                    quietHours, enabled, requireUtility, kind, body, holdoutPercent, quietAfterSendSeconds, preferFree);
        }
    }

    private final RuleService rules;
    private final CsrfToken csrf;

    public RulePages(RuleService rules, CsrfToken csrf) {
        this.rules = rules;
        this.csrf = csrf;
    }

    @GET
    @RolesAllowed(ConsoleRoles.VIEWER)
    public TemplateInstance list(@QueryParam("notice") String notice) {
        return Templates.rules(rules.list(), notice);
    }

    @GET
    @Path("/new")
    @RolesAllowed(ConsoleRoles.ADMIN)
    public TemplateInstance blank() {
        return Templates.rule(null, new RuleService.RuleForm("", "", "{}", "0", "1", "on", "", "on", null,
                SenderApi.Rule.FOLLOWUP, "", "0", "0", null), null);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(ConsoleRoles.ADMIN)
    public TemplateInstance edit(@PathParam("id") long id) {
        SenderApi.Rule r = rules.get(id);
        return Templates.rule(r, new RuleService.RuleForm(r.name(), r.contentSid(), r.contentVariables(),
                String.valueOf(r.delaySeconds()), String.valueOf(r.maxPerWindow()), r.stopOnReply() ? "on" : null,
                r.quietHours(), r.enabled() ? "on" : null, r.requireUtility() ? "on" : null,
                r.kind() == null ? SenderApi.Rule.FOLLOWUP : r.kind(), r.body(), String.valueOf(r.holdoutPercent()),
                String.valueOf(r.quietAfterSendSeconds()), r.preferFree() ? "on" : null), null);
    }

    @POST
    @RolesAllowed(ConsoleRoles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object create(@BeanParam Fields fields) {
        csrf.verify(fields.csrf);
        String error = rules.save(null, fields.form());
        return error == null ? saved() : Templates.rule(null, fields.form(), error);
    }

    @POST
    @Path("/{id}")
    @RolesAllowed(ConsoleRoles.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object update(@PathParam("id") long id, @BeanParam Fields fields) {
        csrf.verify(fields.csrf);
        String error = rules.save(id, fields.form());
        return error == null ? saved() : Templates.rule(rules.get(id), fields.form(), error);
    }

    private static Response saved() {
        return Response.seeOther(UriBuilder.fromPath("/rules").queryParam("notice", "Rule saved.").build()).build();
    }
}
