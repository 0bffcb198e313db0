package com.wawindow.ingest.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Unknown paths, wrong methods and other HTTP-level refusals answer problem JSON too, with their own status. */
public class HttpErrorMapper {

    @ServerExceptionMapper
    public Response map(WebApplicationException exception) {
        int status = exception.getResponse().getStatus();
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        String title = statusType == null ? "HTTP " + status : statusType.getReasonPhrase();
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("urn:wawindow:problem:http-" + status, title, status, exception.getMessage()))
                .build();
    }
}
