package com.wawindow.sender.service;

import com.wawindow.sender.client.TwilioSendException;
import com.wawindow.sender.entity.FollowupDecision.Decision;
import java.util.Optional;

/**
 * What became of one dispatch, and the audit entry it makes: the one model a follow-up, a campaign and a one-off
 * message share, so each of them records the same decision for the same result.
 */
public sealed interface DispatchResult {

    /** The audited decision for this result; empty for a duplicate (the first claimant records its own). */
    Optional<Audit> audit();

    /** An audit entry: decision, why, and the dispatch it concerns. */
    record Audit(Decision decision, String reason, Long dispatchId) {
    }

    /** Another delivery or instance already owns this dedupe key: nothing was sent. */
    record Duplicate() implements DispatchResult {
        public Optional<Audit> audit() {
            return Optional.empty();
        }
    }

    /** Logged and recorded only (no credentials or FOLLOWUP_DRY_RUN); the key stays free for a real send later. */
    record DryRun(long dispatchId) implements DispatchResult {
        public Optional<Audit> audit() {
            return Optional.of(new Audit(Decision.DRY_RUN, "dry run: nothing sent", dispatchId));
        }
    }

    record Sent(long dispatchId, String messageSid) implements DispatchResult {
        public Optional<Audit> audit() {
            return Optional.of(new Audit(Decision.SENT, "Twilio message " + messageSid, dispatchId));
        }
    }

    /** Twilio refused it for good; not retried. */
    record Rejected(long dispatchId, TwilioSendException.Kind kind, String errorCode, String message)
            implements DispatchResult {
        public Optional<Audit> audit() {
            return Optional.of(new Audit(Decision.FAILED, "Twilio error " + errorCode + " (" + kind + "): " + message,
                    dispatchId));
        }
    }

    /** A re-check before a new attempt (retry or recovery) stopped it: opt-out, reply, template no longer approved. */
    record Cancelled(long dispatchId, String reason) implements DispatchResult {
        public Optional<Audit> audit() {
            return Optional.of(new Audit(Decision.CANCELLED, reason + "; nothing sent", dispatchId));
        }
    }

    /**
     * Not settled yet: an attempt's outcome is still unknown (List Messages could not be read) or the re-check said wait
     * (quiet hours). The claim was given back under a lease; recovery settles it and audits the outcome then.
     */
    record Pending(long dispatchId, String reason) implements DispatchResult {
        public Optional<Audit> audit() {
            return Optional.empty();
        }
    }

    /** Twilio's list cannot tell whether an outcome-unknown attempt created the message: held, never re-sent. */
    record Undecided(long dispatchId, String reason) implements DispatchResult {
        public Optional<Audit> audit() {
            return Optional.of(new Audit(Decision.FAILED, "outcome unknown, held for an operator, not re-sent: " + reason,
                    dispatchId));
        }
    }
}
