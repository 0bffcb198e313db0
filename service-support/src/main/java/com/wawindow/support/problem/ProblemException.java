package com.wawindow.support.problem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The project's own error: a service or resource throws it and the shared mapper answers its problem JSON.
 * Only this exception (and the framework's and security's own) is mapped; an {@code IllegalArgumentException}
 * escaping a service is a bug and answers 500.
 */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final Problem problem;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    public ProblemException(ProblemType type, String detail, Throwable cause) {
        super(type.slug() + ": " + detail, cause, false, false);
        this.type = type;
        this.problem = Problem.of(type, detail);
    }

    /** A response header, e.g. {@code Retry-After}. */
    public ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** An extension member of the problem body. */
    public ProblemException with(String key, Object value) {
        problem.with(key, value);
        return this;
    }

    public ProblemType type() {
        return type;
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
