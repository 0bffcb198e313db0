package com.wawindow.console.client;

/**
 * A tracker or sender call that did not give the console what it asked for: a problem JSON answer (its status and
 * detail, as the service wrote them), or no answer at all ({@link Unreachable}).
 */
public class UpstreamException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final String detail;

    public UpstreamException(int status, String type, String title, String detail) {
        super(status + " " + title + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.type = type;
        this.title = title;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    /** The problem {@code type} slug (the part after the base URI), or null when the answer was not problem JSON. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** No answer: refused connection, timeout. */
    public static class Unreachable extends UpstreamException {

        public Unreachable(String service, Throwable cause) {
            super(503, "upstream-unreachable", service + " did not answer", cause.getClass().getSimpleName());
        }
    }
}
