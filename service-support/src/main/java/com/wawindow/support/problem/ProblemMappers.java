package com.wawindow.support.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.logging.Log;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error a service answers is problem JSON with a stable {@code type}: the project's own
 * {@link ProblemException}, the framework's own answers (404, 405, 406, 415, parameter conversion), Bean Validation
 * and unreadable JSON. Anything else is a bug: {@code UnexpectedErrorMapper} logs it and answers 500.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException exception) {
        return Problems.response(exception.problem(), exception.headers());
    }

    @ServerExceptionMapper
    public Response framework(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        if (status == 404 && exception.getCause() != null) {
            // JAX-RS answers a path or query parameter it cannot convert (an Instant, a number) with 404:
            // the resource exists, the input is wrong
            return Problems.response(ProblemType.INVALID_REQUEST,
                    "a parameter is not of the form this endpoint takes (a number, an ISO-8601 instant, ...)");
        }
        ProblemType type = ProblemType.forStatus(status);
        Map<String, String> headers = new LinkedHashMap<>();
        String allow = original.getHeaderString(HttpHeaders.ALLOW);
        if (allow != null) {
            headers.put(HttpHeaders.ALLOW, allow);
        }
        String detail = status >= 500 ? null : frameworkDetail(exception, status);
        if (status >= 500) {
            Log.errorf(exception, "HTTP %d answered as %s", status, type.slug());
        }
        return Problems.response(Problem.of(type, detail), headers);
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException exception) {
        boolean returnValue = exception.getConstraintViolations().stream()
                .anyMatch(violation -> lastNode(violation.getPropertyPath()).getKind() == ElementKind.RETURN_VALUE);
        if (returnValue) {
            Log.errorf(exception, "a response failed its own constraints");
            return Problems.response(ProblemType.INTERNAL_ERROR, null);
        }
        List<Map<String, String>> violations = exception.getConstraintViolations().stream()
                .sorted(Comparator.comparing((ConstraintViolation<?> v) -> field(v.getPropertyPath())))
                .map(v -> Map.of("field", field(v.getPropertyPath()), "message", v.getMessage()))
                .toList();
        String detail = violations.stream().map(v -> v.get("field") + ": " + v.get("message"))
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return Problems.response(Problem.of(ProblemType.INVALID_REQUEST, detail).with("violations", violations));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException exception) {
        // the parser's own message quotes the input: say where, not what
        String where = exception.getLocation() == null ? ""
                : " at line " + exception.getLocation().getLineNr() + ", column " + exception.getLocation().getColumnNr();
        return Problems.response(ProblemType.INVALID_REQUEST, "the request body is not the JSON this endpoint takes" + where);
    }

    private static String frameworkDetail(WebApplicationException exception, int status) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "this resource does not take that method";
            case 406 -> "this resource cannot answer in the media type asked for";
            case 415 -> "this resource does not take that content type";
            default -> exception.getMessage();
        };
    }

    private static String field(Path path) {
        Path.Node node = lastNode(path);
        return node == null || node.getName() == null ? "request" : node.getName();
    }

    private static Path.Node lastNode(Path path) {
        return StreamSupport.stream(path.spliterator(), false).reduce((first, second) -> second).orElse(null);
    }
}
