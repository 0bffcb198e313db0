package com.wawindow.console.config;

import com.wawindow.support.problem.ProblemType;

/** The console's own kinds of error (the generic ones are in {@link ProblemType}). */
public final class ConsoleProblems {

    public static final ProblemType USER_EXISTS = new ProblemType("user-exists", 409, "User exists");
    public static final ProblemType NOT_A_CONTACT_ID = new ProblemType("not-a-contact-id", 400, "Not a phone number");

    private ConsoleProblems() {
    }
}
