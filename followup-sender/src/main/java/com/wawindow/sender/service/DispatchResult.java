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
}
