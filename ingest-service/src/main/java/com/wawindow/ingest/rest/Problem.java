package com.wawindow.ingest.rest;

import com.wawindow.ingest.service.Rejection;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details, the body of every refusal. */
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Seconds a caller should wait before retrying after a 503. */
    static final String RETRY_AFTER_SECONDS = "5";

    static Response response(Rejection rejection, String detail) {
        Response.ResponseBuilder builder = Response.status(rejection.status())
                .type(MEDIA_TYPE)
                .entity(new Problem(rejection.type(), rejection.title(), rejection.status(), detail));
        if (rejection == Rejection.BROKER_UNAVAILABLE) {
            builder.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return builder.build();
    }
}
