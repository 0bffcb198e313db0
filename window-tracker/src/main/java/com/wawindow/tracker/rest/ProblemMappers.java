package com.wawindow.tracker.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error this service answers is problem JSON, including the framework's own 404 / 405 / 415. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException exception) {
        return respond(exception.problem());
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        String title = statusType == null ? "HTTP " + status : statusType.getReasonPhrase();
        return respond(new Problem("about:blank", title, status, exception.getMessage()));
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
