package com.wawindow.console.rest;

import com.wawindow.console.client.UpstreamException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A page that cannot be shown says why, in a page: a service down or refusing the console's key, a contact that does
 * not exist, a role that may not do this. Never a stack trace, never a 500 for bad input.
 */
public class PageErrors {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(int status, String title, String detail);
    }

    @ServerExceptionMapper
    public Response upstream(UpstreamException e) {
        int status = e.status() == 404 ? 404 : 502;
        String title = e.status() == 404 ? "Not found" : e.title();
        return page(status, title, e.detail());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return page(403, "Not allowed for your role", "Ask an admin if you need to do this.");
    }

    private static Response page(int status, String title, String detail) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(status, title, detail).render()).build();
    }
}
