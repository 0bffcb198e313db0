package com.wawindow.tracker.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/** RFC 9457 problem details; {@code type} is stable per kind of error. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://wawindow.dev/problems/";

    public static Problem contactNotFound(String detail) {
        return new Problem(TYPE_BASE + "contact-not-found", "Contact not found", 404, detail);
    }

    public static Problem invalidParameter(String detail) {
        return new Problem(TYPE_BASE + "invalid-parameter", "Invalid query parameter", 400, detail);
    }
}
