package com.wawindow.console.rest;

import com.wawindow.console.config.ConsoleRoles;
import com.wawindow.console.service.UserService;
import com.wawindow.support.problem.ProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The console's users; admins add them. */
@Path("/users")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(ConsoleRoles.ADMIN)
public class UserPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance users(List<UserService.UserView> users, List<String> roles, String notice,
                String error);
    }

    private final UserService users;
    private final CsrfToken csrf;

    public UserPages(UserService users, CsrfToken csrf) {
        this.users = users;
        this.csrf = csrf;
    }

    @GET
    public TemplateInstance list() {
        return Templates.users(users.list(), ConsoleRoles.ALL, null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance add(@FormParam(CsrfToken.FIELD) String token, @FormParam("username") String username,
            @FormParam("password") String password, @FormParam("role") String role) {
        csrf.verify(token);
        try {
            UserService.UserView added = users.add(username, password, role);
            return Templates.users(users.list(), ConsoleRoles.ALL, "Added " + added.username() + " as " + added.role() + ".",
                    null);
        } catch (ProblemException e) {
            return Templates.users(users.list(), ConsoleRoles.ALL, null, e.problem().getDetail());
        }
    }
}
