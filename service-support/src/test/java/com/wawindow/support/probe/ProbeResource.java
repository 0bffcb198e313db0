package com.wawindow.support.probe;

import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import com.wawindow.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.atomic.AtomicInteger;

/** A resource as the services write theirs, to test what the kit makes of requests. */
@Path("/probe")
@RolesAllowed(Roles.VIEWER)
public class ProbeResource {

    static final ProblemType WINDOW_CLOSED = new ProblemType("window-closed", 409, "Window closed");
    static final AtomicInteger WRITES = new AtomicInteger();

    public record Body(@NotBlank String to) {
    }

    @GET
    public String read(@QueryParam("limit") @Max(500) Integer limit) {
        return "read";
    }

    @GET
    @Path("/{n}")
    public int number(@PathParam("n") int n) {
        return n;
    }

    @GET
    @Path("/closed")
    public String closed() {
        throw new ProblemException(WINDOW_CLOSED, "send a template").header("Retry-After", "5");
    }

    @GET
    @Path("/bug")
    public String bug() {
        throw new IllegalStateException("internal detail that must not leak");
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public String write(@Valid Body body) {
        WRITES.incrementAndGet();
        return "written " + body.to();
    }
}
