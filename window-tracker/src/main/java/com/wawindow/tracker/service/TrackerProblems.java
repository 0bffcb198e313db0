package com.wawindow.tracker.service;

import com.wawindow.support.problem.ProblemType;

/** The tracker's own kinds of error; the generic ones (invalid-request, not-found, ...) are the kit's. */
public final class TrackerProblems {

    /** No inbound message from this contact was ever seen. */
    public static final ProblemType CONTACT_NOT_FOUND = new ProblemType("contact-not-found", 404, "Contact not found");

    private TrackerProblems() {
    }
}
