package com.wawindow.console.rest;

import com.wawindow.console.config.ConsoleConfig;
import com.wawindow.console.config.ConsoleRoles;
import com.wawindow.console.service.ContactService;
import com.wawindow.support.problem.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
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

/** The contact list (filters, sort, cursor, search by number) and one contact with its composer. */
@Path("/contacts")
@Produces(MediaType.TEXT_HTML)
public class ContactPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ContactService.Filters filters, ContactService.ListView view, String q,
                String notice, long leadSeconds, String cursor);

        static native TemplateInstance contact(ContactService.Detail detail, String notice, String error, long leadSeconds);
    }

    private final ContactService contacts;
    private final CsrfToken csrf;
    private final ConsoleConfig config;

    public ContactPages(ContactService contacts, CsrfToken csrf, ConsoleConfig config) {
        this.contacts = contacts;
        this.csrf = csrf;
        this.config = config;
    }

    @GET
    @RolesAllowed(ConsoleRoles.VIEWER)
    public Object list(@QueryParam("state") String state, @QueryParam("lastMessageAfter") String after,
            @QueryParam("lastMessageBefore") String before, @QueryParam("optedOut") String optedOut,
            @QueryParam("sort") String sort, @QueryParam("cursor") String cursor, @QueryParam("q") String q) {
        ContactService.Filters filters = new ContactService.Filters(state, after, before, optedOut, sort);
        if (q != null && !q.isBlank()) {
            String notice;
            try {
                String id = contacts.normalise(q);
                if (contacts.exists(id)) {
                    return Response.seeOther(contactUri(id)).build();
                }
                notice = "No contact " + id + " has written in yet.";
            } catch (ProblemException e) {
                notice = e.problem().getDetail();
                // not a whole number: a part of one (the last digits, say) lists the contacts whose number holds it
                String digits = q.replaceAll("[^0-9]", "");
                if (digits.length() >= 3) {
                    ContactService.ListView found = contacts.list(filters, cursor, digits);
                    if (!found.rows().isEmpty()) {
                        return Templates.list(filters, found, q, "Numbers holding " + digits + ":", lead(), cursor);
                    }
                }
            }
            return Templates.list(filters, contacts.list(filters, cursor), q, notice, lead(), cursor);
        }
        return Templates.list(filters, contacts.list(filters, cursor), "", null, lead(), cursor);
    }

    @GET
    @Path("/{contactId}")
    @RolesAllowed(ConsoleRoles.VIEWER)
    public TemplateInstance contact(@PathParam("contactId") String contactId, @QueryParam("notice") String notice,
            @QueryParam("error") String error) {
        return Templates.contact(contacts.detail(contacts.normalise(contactId)), notice, error, lead());
    }

    @POST
    @Path("/{contactId}/messages")
    @RolesAllowed(ConsoleRoles.AGENT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sendText(@PathParam("contactId") String contactId, @FormParam(CsrfToken.FIELD) String token,
            @FormParam("body") String body, @FormParam("idempotencyKey") String idempotencyKey) {
        csrf.verify(token);
        String id = contacts.normalise(contactId);
        return back(id, contacts.sendText(id, body, idempotencyKey), "Message sent.");
    }

    @POST
    @Path("/{contactId}/templates")
    @RolesAllowed(ConsoleRoles.AGENT)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sendTemplate(@PathParam("contactId") String contactId, @FormParam(CsrfToken.FIELD) String token,
            @FormParam("templateId") Long templateId, @FormParam("idempotencyKey") String idempotencyKey) {
        csrf.verify(token);
        String id = contacts.normalise(contactId);
        return back(id, contacts.sendTemplate(id, templateId, idempotencyKey), "Template sent.");
    }

    /** Post, redirect, get: a reload does not send again, and the page says what happened. */
    private static Response back(String contactId, String error, String success) {
        UriBuilder uri = UriBuilder.fromUri(contactUri(contactId));
        uri = error == null ? uri.queryParam("notice", success) : uri.queryParam("error", error);
        return Response.seeOther(uri.build()).build();
    }

    private static java.net.URI contactUri(String contactId) {
        return UriBuilder.fromPath("/contacts/{id}").build(contactId);
    }

    private long lead() {
        return config.expiringSoonLead().toSeconds();
    }
}
