package com.wawindow.tracker.service;

import java.time.Instant;

/**
 * What {@code GET /contacts} asks for, already validated for form.
 *
 * @param state    null for every state
 * @param optedOut null for both
 * @param search   a number, or part of one, in any form people type; null for every contact
 * @param byContactId in contact id order (ascending), else by last message time
 * @param cursor   the {@code nextCursor} of the previous page, null on the first page
 */
public record ContactQuery(
        Segment state,
        Instant lastMessageAfter,
        Instant lastMessageBefore,
        Boolean optedOut,
        String search,
        boolean ascending,
        boolean byContactId,
        String cursor,
        int limit) {

    /** Page size when none is asked for. */
    public static final int DEFAULT_LIMIT = 100;
    /** The hard maximum page size: a larger limit is a 400, never a silent clamp (ContactListParameters.limit's pattern). */
    public static final int MAX_LIMIT = 1000;

    public enum Segment {
        OPEN,
        CLOSED,
        EXPIRING_SOON
    }
}
