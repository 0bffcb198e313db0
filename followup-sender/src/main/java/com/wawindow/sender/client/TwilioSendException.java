package com.wawindow.sender.client;

/** A message Twilio did not accept, classified by what the sender should do about it. */
public abstract sealed class TwilioSendException extends RuntimeException
        permits TwilioSendException.Transient, TwilioSendException.Permanent {

    /** What a failed send means for the contact and the dispatch. */
    public enum Kind {
        /** 429, 20429, 63018: Twilio asks to slow down; retried with backoff. */
        RATE_LIMITED,
        /** The request never reached Twilio (connect refused or timed out, pool wait): nothing created, retried. */
        UNAVAILABLE,
        /**
         * The request may have reached Twilio and its answer was lost or says nothing (read timeout, reset, 5xx): a
         * create may have happened, so it is reconciled with List Messages before any new attempt.
         */
        OUTCOME_UNKNOWN,
        /** 21610, 131050: the contact opted out; never retried, the contact is marked opted out. */
        OPTED_OUT,
        /** 63016, 131047: the customer service window is closed; only a template may go. */
        OUTSIDE_WINDOW,
        /**
         * 63049 (Twilio's code), 131049 (Meta's): Meta held a marketing template back to keep within its per-user
         * marketing limit. Not a failure of the contact and never counted toward opt-out: the message was not
         * delivered, and it is tried again once FOLLOWUP_MARKETING_LIMIT_RETRY has passed.
         */
        MARKETING_LIMITED,
        /** Any other rejection (21211 invalid number, 63024 invalid recipient, 132015/132016 template paused or disabled, ...). */
        REJECTED
    }

    private final Kind kind;
    private final String errorCode;
    private final Integer httpStatus;

    private TwilioSendException(Kind kind, String errorCode, Integer httpStatus, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.errorCode = errorCode;
        this.httpStatus = httpStatus;
    }

    /** The HTTP status Twilio answered, null when no answer arrived. */
    public Integer httpStatus() {
        return httpStatus;
    }

    public Kind kind() {
        return kind;
    }

    /** Twilio's error code (or the HTTP status when Twilio gave none), null for connection failures. */
    public String errorCode() {
        return errorCode;
    }

    /** Worth another attempt. */
    public static final class Transient extends TwilioSendException {
        public Transient(Kind kind, String errorCode, String message, Throwable cause) {
            this(kind, errorCode, null, message, cause);
        }

        public Transient(Kind kind, String errorCode, Integer httpStatus, String message, Throwable cause) {
            super(kind, errorCode, httpStatus, message, cause);
        }

        /** Whether a message may have been created: such an attempt is reconciled, never simply retried. */
        public boolean maybeCreated() {
            return kind() == Kind.OUTCOME_UNKNOWN;
        }
    }

    /** Another attempt would fail the same way. */
    public static final class Permanent extends TwilioSendException {
        public Permanent(Kind kind, String errorCode, String message, Throwable cause) {
            this(kind, errorCode, null, message, cause);
        }

        public Permanent(Kind kind, String errorCode, Integer httpStatus, String message, Throwable cause) {
            super(kind, errorCode, httpStatus, message, cause);
        }
    }
}
