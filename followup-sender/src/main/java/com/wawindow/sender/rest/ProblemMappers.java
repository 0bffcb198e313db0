package com.wawindow.sender.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Bad input answers 400 problem JSON, never a 500. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalidArgument(IllegalArgumentException e) {
        return Problem.response("invalid-request", "Invalid request", Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        String detail = e.getConstraintViolations().stream()
                .map(ProblemMappers::describe)
                .sorted()
                .collect(Collectors.joining("; "));
        return Problem.response("invalid-request", "Invalid request", Response.Status.BAD_REQUEST, detail);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return Problem.response("invalid-json", "Invalid JSON", Response.Status.BAD_REQUEST, e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response response = e.getResponse();
        if (Problem.MEDIA_TYPE.equals(String.valueOf(response.getMediaType()))) {
            return response;
        }
        Response.Status status = Response.Status.fromStatusCode(response.getStatus());
        String title = status == null ? "Error" : status.getReasonPhrase();
        return Response.status(response.getStatus()).type(Problem.MEDIA_TYPE)
                .entity(new Problem("https://wawindow.example/problems/http-" + response.getStatus(), title,
                        response.getStatus(), e.getMessage()))
                .build();
    }

    private static String describe(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int dot = path.lastIndexOf('.');
        return (dot >= 0 ? path.substring(dot + 1) : path) + " " + violation.getMessage();
    }
}
