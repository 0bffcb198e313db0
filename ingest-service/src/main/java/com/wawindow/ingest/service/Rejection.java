package com.wawindow.ingest.service;

/** Every way a webhook can be refused: the HTTP status, and the stable problem type and metric reason. */
public enum Rejection {
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    BODY_TOO_LARGE(413, "body-too-large", "Webhook body too large"),
    MALFORMED_FORM(400, "malformed-form", "Malformed form body"),
    INVALID_SIGNATURE(403, "invalid-signature", "Invalid Twilio signature"),
    MISSING_PARAMETER(400, "missing-parameter", "Required parameter missing"),
    BROKER_UNAVAILABLE(503, "broker-unavailable", "Event broker unavailable");

    private final int status;
    private final String reason;
    private final String title;

    Rejection(int status, String reason, String title) {
        this.status = status;
        this.reason = reason;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** Short and stable: the metric tag and the last segment of the problem type. */
    public String reason() {
        return reason;
    }

    public String title() {
        return title;
    }

    /** RFC 9457 problem type, stable across releases. */
    public String type() {
        return "urn:wawindow:problem:" + reason;
    }
}
