package com.wawindow.tracker.service;

import java.time.Instant;

/**
 * A segment of contacts and one page position in it.
 *
 * @param state     null for every state
 * @param optedOut  null for both
 * @param after     keyset cursor: the last row of the previous page, null on the first page
 */
public record ContactFilter(
        Segment state,
        Instant lastMessageAfter,
        Instant lastMessageBefore,
        Boolean optedOut,
        boolean ascending,
        PageKey after,
        int limit) {

    public enum Segment {
        OPEN,
        CLOSED,
        EXPIRING_SOON
    }

    /** Position in the (last_message_at, contact_id) order. */
    public record PageKey(Instant lastMessageAt, String contactId) {
    }
}
