package com.wawindow.tracker.repository;

import java.time.Instant;

/**
 * A segment of contacts and one page position in it, in the table's own terms: the service turns a state at an
 * instant into bounds on {@code window_expires_at}. Every bound is null when it does not filter.
 *
 * @param expiresAfter    only windows closing after this instant
 * @param expiresNotAfter only windows closing at or before this instant
 * @param optedOut        null for both
 * @param idDigits        only contacts whose id contains these digits (a number or a part of one), null for all
 * @param byContactId     in contact id order (ascending; stable while contacts write), else (last_message_at, contact_id)
 * @param after           keyset cursor: the last row of the previous page, null on the first page
 */
public record ContactFilter(
        Instant expiresAfter,
        Instant expiresNotAfter,
        Instant lastMessageAfter,
        Instant lastMessageBefore,
        Boolean optedOut,
        String idDigits,
        boolean ascending,
        boolean byContactId,
        PageKey after,
        int limit) {

    /** Position in the (last_message_at, contact_id) order; in contact id order, lastMessageAt is null. */
    public record PageKey(Instant lastMessageAt, String contactId) {
    }
}
