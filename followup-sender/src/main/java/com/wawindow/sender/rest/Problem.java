package com.wawindow.sender.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details, with a stable {@code type} per kind of error. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String BASE = "https://wawindow.example/problems/";

    public static Response response(String slug, String title, Response.Status status, String detail) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem(BASE + slug, title, status.getStatusCode(), detail)).build();
    }

    public static WebApplicationException exception(String slug, String title, Response.Status status, String detail) {
        return new WebApplicationException(response(slug, title, status, detail));
    }

    public static WebApplicationException notFound(String what) {
        return exception("not-found", "Not found", Response.Status.NOT_FOUND, what + " does not exist");
    }

    public static WebApplicationException invalid(String detail) {
        return exception("invalid-request", "Invalid request", Response.Status.BAD_REQUEST, detail);
    }
}
