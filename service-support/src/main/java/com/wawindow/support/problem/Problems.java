package com.wawindow.support.problem;

import jakarta.ws.rs.core.Response;
import java.util.Map;

/** Problem JSON responses, for the mappers and for code that builds its responses itself. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    public static Response response(Problem problem) {
        return Response.status(problem.getStatus()).type(MEDIA_TYPE).entity(problem).build();
    }

    public static Response response(ProblemType type, String detail) {
        return response(Problem.of(type, detail));
    }

    static Response response(Problem problem, Map<String, String> headers) {
        Response.ResponseBuilder builder = Response.status(problem.getStatus()).type(MEDIA_TYPE).entity(problem);
        headers.forEach(builder::header);
        return builder.build();
    }
}
