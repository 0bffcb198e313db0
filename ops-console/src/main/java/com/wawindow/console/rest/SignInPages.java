package com.wawindow.console.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The sign-in page (the form posts to Quarkus' {@code j_security_check}) and sign-out. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class SignInPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance login(boolean failed, boolean signedOut);
    }

    private final RoutingContext routing;
    private final CsrfToken csrf;
    private final String sessionCookie;

    public SignInPages(RoutingContext routing, CsrfToken csrf,
            @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String sessionCookie) {
        this.routing = routing;
        this.csrf = csrf;
        this.sessionCookie = sessionCookie;
    }

    @GET
    @Path("login")
    @PermitAll
    public TemplateInstance login(@QueryParam("error") String error, @QueryParam("signedOut") String signedOut) {
        return Templates.login(error != null, signedOut != null);
    }

    @POST
    @Path("logout")
    @PermitAll
    @jakarta.ws.rs.Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response logout(@FormParam(CsrfToken.FIELD) String token) {
        csrf.verify(token);
        routing.response().addCookie(Cookie.cookie(sessionCookie, "").setPath("/").setMaxAge(0).setHttpOnly(true));
        return Response.seeOther(URI.create("/login?signedOut=true")).build();
    }
}
