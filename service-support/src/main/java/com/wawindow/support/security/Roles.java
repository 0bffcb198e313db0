package com.wawindow.support.security;

/** The roles every service's API knows. An admin key's identity has both. */
public final class Roles {

    /** Reads: window state, segments, stats, audit, templates, campaigns' progress. */
    public static final String VIEWER = "viewer";
    /** Reads and writes: messages, campaigns, rules, templates, timezones, template sync. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
