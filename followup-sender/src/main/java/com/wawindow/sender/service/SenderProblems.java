package com.wawindow.sender.service;

import com.wawindow.support.problem.ProblemType;

/** The sender's own kinds of error (the generic ones are {@link ProblemType}'s); a slug means one thing system-wide. */
public final class SenderProblems {

    public static final ProblemType WINDOW_CLOSED = new ProblemType("window-closed", 409, "window closed: send a template");
    public static final ProblemType OPTED_OUT = new ProblemType("opted-out", 409, "Contact opted out");
    public static final ProblemType TEMPLATE_NOT_APPROVED =
            new ProblemType("template-not-approved", 409, "Template not approved");
    public static final ProblemType CONTACT_NOT_FOUND = new ProblemType("contact-not-found", 404, "Contact not found");
    public static final ProblemType RULE_EXISTS = new ProblemType("rule-exists", 409, "Rule exists");
    public static final ProblemType DRY_RUN = new ProblemType("dry-run", 409, "No Twilio credentials");
    public static final ProblemType WINDOW_STATE_UNKNOWN =
            new ProblemType("window-state-unknown", 503, "Window state unknown");
    public static final ProblemType TWILIO_UNAVAILABLE = new ProblemType("twilio-unavailable", 503, "Twilio unavailable");
    public static final ProblemType TWILIO_REJECTED = new ProblemType("twilio-rejected", 502, "Twilio refused the message");
    public static final ProblemType CONTENT_API_UNAVAILABLE =
            new ProblemType("content-api-unavailable", 502, "Content API sync failed");
    public static final ProblemType UNKNOWN_TOPIC =
            new ProblemType("unknown-topic", 404, "No dead-letter topic of this service");
    public static final ProblemType BROKER_UNAVAILABLE =
            new ProblemType("broker-unavailable", 503, "The broker did not answer");

    private SenderProblems() {
    }
}
