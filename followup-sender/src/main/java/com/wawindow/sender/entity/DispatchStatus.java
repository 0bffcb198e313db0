package com.wawindow.sender.entity;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a dispatch stands. The rank orders Twilio's statuses so a late callback never moves a message back
 * (a "sent" arriving after "delivered" changes nothing).
 */
public enum DispatchStatus {
    /** The dedupe key is taken and the Twilio call is under way (or its outcome was lost in a crash: never re-sent). */
    CLAIMED(0),
    /** Every attempt is known NOT to have created a message and attempts ran out; a replay from the DLQ may claim it again. */
    GAVE_UP(0),
    /** No credentials: logged and recorded, nothing sent. */
    DRY_RUN(0),
    /** A re-check before a new attempt (retry or recovery) found it must not go (opt-out, reply, template): nothing sent. */
    CANCELLED(0),
    /**
     * An attempt's outcome could not be decided from Twilio's list (several candidates, or a template whose text is
     * unknown and a message to that number since): held, never re-sent; an operator decides.
     */
    OUTCOME_UNKNOWN(0),
    ACCEPTED(1),
    SCHEDULED(1),
    QUEUED(1),
    SENDING(2),
    SENT(3),
    DELIVERED(4),
    READ(5),
    UNDELIVERED(6),
    FAILED(6),
    /** Twilio refused the request itself (invalid number, opted out, template paused ...): not retried. */
    REJECTED(7);

    private final int rank;

    DispatchStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    /** Twilio's MessageStatus ({@code queued}, {@code delivered}, ...), empty for ones the sender does not track. */
    public static Optional<DispatchStatus> fromTwilio(String status) {
        if (status == null) {
            return Optional.empty();
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "accepted" -> Optional.of(ACCEPTED);
            case "scheduled" -> Optional.of(SCHEDULED);
            case "queued" -> Optional.of(QUEUED);
            case "sending" -> Optional.of(SENDING);
            case "sent" -> Optional.of(SENT);
            case "delivered" -> Optional.of(DELIVERED);
            case "read" -> Optional.of(READ);
            case "undelivered" -> Optional.of(UNDELIVERED);
            case "failed", "canceled" -> Optional.of(FAILED);
            default -> Optional.empty();
        };
    }
}
