package com.wawindow.support.problem;

import java.net.URI;

/**
 * One kind of error, named once for the whole system: its {@code type} URI is {@link #BASE} + slug, so a slug means
 * the same thing whichever service answers it. The generic kinds are here; each service declares its own domain kinds
 * in one class of its own (e.g. {@code SenderProblems}).
 */
public record ProblemType(String slug, int status, String title) {

    /** The base of every problem {@code type} this system answers. */
    public static final String BASE = "https://wawindow.dev/problems/";

    public static final ProblemType INVALID_REQUEST = new ProblemType("invalid-request", 400, "Invalid request");
    public static final ProblemType UNAUTHORIZED = new ProblemType("unauthorized", 401, "Credential required");
    public static final ProblemType FORBIDDEN = new ProblemType("forbidden", 403, "Not allowed for this credential");
    public static final ProblemType NOT_FOUND = new ProblemType("not-found", 404, "Not found");
    public static final ProblemType METHOD_NOT_ALLOWED = new ProblemType("method-not-allowed", 405, "Method not allowed");
    public static final ProblemType NOT_ACCEPTABLE = new ProblemType("not-acceptable", 406, "Not acceptable");
    public static final ProblemType CONFLICT = new ProblemType("conflict", 409, "Conflict");
    public static final ProblemType PAYLOAD_TOO_LARGE = new ProblemType("payload-too-large", 413, "Payload too large");
    public static final ProblemType UNSUPPORTED_MEDIA_TYPE =
            new ProblemType("unsupported-media-type", 415, "Unsupported media type");
    public static final ProblemType INTERNAL_ERROR = new ProblemType("internal-error", 500, "Internal error");
    public static final ProblemType SERVICE_UNAVAILABLE =
            new ProblemType("service-unavailable", 503, "Service unavailable");

    public ProblemType {
        if (slug == null || !slug.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a problem slug is kebab-case: " + slug);
        }
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem has an error status: " + status);
        }
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    /** The generic kind for a status the framework answered on its own (404, 405, 415, ...). */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> INVALID_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR
                    : new ProblemType("http-" + status, status, "HTTP " + status);
        };
    }
}
