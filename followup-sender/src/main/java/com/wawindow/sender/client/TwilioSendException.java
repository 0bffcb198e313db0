package com.wawindow.sender.client;

/** A message Twilio did not accept, classified by what the sender should do about it. */
public abstract sealed class TwilioSendException extends RuntimeException
        permits TwilioSendException.Transient, TwilioSendException.Permanent {

    /** What a failed send means for the contact and the dispatch. */
    public enum Kind {
        /** 429, 20429, 63018: Twilio asks to slow down; retried with backoff. */
        RATE_LIMITED,
        /** 5xx, timeouts, connection failures: retried a bounded number of times. */
        UNAVAILABLE,
        /** 21610, 131050: the contact opted out; never retried, the contact is marked opted out. */
        OPTED_OUT,
        /** 63016, 131047: the customer service window is closed; only a template may go. */
        OUTSIDE_WINDOW,
        /** Any other rejection (21211 invalid number, 63024 invalid recipient, 132015/132016 template paused or disabled, ...). */
        REJECTED
    }

    private final Kind kind;
    private final String errorCode;

    private TwilioSendException(Kind kind, String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.errorCode = errorCode;
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
            super(kind, errorCode, message, cause);
        }
    }

    /** Another attempt would fail the same way. */
    public static final class Permanent extends TwilioSendException {
        public Permanent(Kind kind, String errorCode, String message, Throwable cause) {
            super(kind, errorCode, message, cause);
        }
    }
}
