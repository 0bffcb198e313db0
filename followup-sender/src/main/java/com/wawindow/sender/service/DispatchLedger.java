package com.wawindow.sender.service;

import com.wawindow.sender.entity.Priced;
import com.wawindow.events.ContactIds;
import com.wawindow.events.MessageStatusChanged;
import com.wawindow.sender.client.Redaction;
import com.wawindow.sender.client.TwilioSendException;
import com.wawindow.sender.config.FollowupConfig;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.DispatchAttempt;
import com.wawindow.sender.entity.DispatchAttempt.Outcome;
import com.wawindow.sender.entity.DispatchStatus;
import com.wawindow.sender.entity.OutboundMessage;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.DispatchAttemptRepository;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.DispatchRepository.Claim;
import com.wawindow.sender.repository.DispatchRepository.OrphanedClaim;
import com.wawindow.sender.repository.TemplateRepository;
import com.wawindow.sender.client.TwilioErrors;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The dispatch table's and the attempt table's writes, each committed in a short transaction of its own (REQUIRES_NEW)
 * before the caller goes on: a claim is visible to every other instance before Twilio is called, an attempt is
 * recorded before its request is written, and no JDBC connection is held across the rate limiter's wait or the call.
 */
@ApplicationScoped
public class DispatchLedger {

    private static final Set<String> OPTED_OUT_CODES = Set.of("21610", "131050");

    /** An attempt as started: its number, its start in database time, and the text Twilio's list must show. */
    public record StartedAttempt(int number, Instant startedAt, String expectedBody) {
    }

    private final DispatchRepository dispatches;
    private final DispatchAttemptRepository attempts;
    private final ContactConsentRepository consents;
    private final TemplateRepository templates;
    private final EntityManager entityManager;
    private final FollowupConfig config;
    private final Clock clock;
    private final MeterRegistry meters;

    public DispatchLedger(DispatchRepository dispatches, DispatchAttemptRepository attempts,
            ContactConsentRepository consents, TemplateRepository templates, EntityManager entityManager,
            FollowupConfig config, Clock clock, MeterRegistry meters) {
        this.meters = meters;
        this.dispatches = dispatches;
        this.attempts = attempts;
        this.consents = consents;
        this.templates = templates;
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    /** Takes the dedupe key under a lease of FOLLOWUP_CLAIM_LEASE in database time. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Long> claim(Claim claim, UUID instanceId) {
        return claimInCurrentTransaction(claim, instanceId);
    }

    /** The claim inside the caller's transaction (the follow-up decision commits it with its audit row). */
    @Transactional(TxType.MANDATORY)
    public Optional<Long> claimInCurrentTransaction(Claim claim, UUID instanceId) {
        return dispatches.claim(claim, instanceId, clock.instant(), config.claimLease());
    }

    @Transactional(TxType.REQUIRES_NEW)
    public Optional<DispatchAttempt> lastAttempt(long dispatchId) {
        return attempts.last(dispatchId);
    }

    /**
     * Records attempt {@code number} before its request is written, with the text Twilio's list will show for it
     * (the body, or the registry's template text with the variables filled in; null when unknown). Renews the lease.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public StartedAttempt startAttempt(long dispatchId, int number, UUID instanceId, OutboundMessage message) {
        String expected = message.isTemplate()
                ? templates.findBySid(message.contentSid()).map(t -> ExpectedBody.render(t.body, message.contentVariables(),
                        t.variables)).orElse(null)
                : ExpectedBody.normalise(message.body());
        dispatches.renewLeases(instanceId, List.of(dispatchId), config.claimLease());
        Instant started = attempts.start(dispatchId, number, instanceId, expected);
        return new StartedAttempt(number, started, expected);
    }

    /** Twilio created the message (its answer, or found by reconciliation): attempt and dispatch in one commit. */
    @Transactional(TxType.REQUIRES_NEW)
    public void created(long dispatchId, int number, Outcome outcome, String messageSid, DispatchStatus status) {
        if (outcome == Outcome.CREATED) {
            attempts.finish(dispatchId, number, Outcome.CREATED, 201, null, messageSid);
        } else {
            attempts.reconciled(dispatchId, number, outcome, messageSid);
        }
        dispatches.markAccepted(dispatchId, messageSid, status, clock.instant());
    }

    /** An attempt that did not create a message (429, 20429, 63018, never connected) or whose answer was lost. */
    @Transactional(TxType.REQUIRES_NEW)
    public void attemptFailed(long dispatchId, int number, TwilioSendException.Transient failure) {
        attempts.finish(dispatchId, number, failure.maybeCreated() ? Outcome.UNKNOWN : Outcome.NOT_CREATED,
                failure.httpStatus(), failure.errorCode(), null);
    }

    /**
     * Meta held the message back for its per-user marketing limit (answered at once): nothing was created, the claim
     * is given back until FOLLOWUP_MARKETING_LIMIT_RETRY has passed, then recovery re-checks and sends it.
     */
    @Transactional(TxType.REQUIRES_NEW)
    public void marketingLimited(long dispatchId, int number, TwilioSendException.Transient failure) {
        attempts.finish(dispatchId, number, Outcome.NOT_CREATED, failure.httpStatus(), failure.errorCode(), null);
        dispatches.deferForMarketingLimit(null, dispatchId, config.marketingLimitRetry(), failure.errorCode(),
                failure.getMessage(), clock.instant())
                .ifPresent(id -> countMarketingLimited("answer"));
    }

    /** List Messages shows nothing this attempt created: a new attempt may go. */
    @Transactional(TxType.REQUIRES_NEW)
    public void absent(long dispatchId, int number) {
        attempts.reconciled(dispatchId, number, Outcome.ABSENT, null);
    }

    /** The list cannot tell: held as OUTCOME_UNKNOWN, never re-sent. */
    @Transactional(TxType.REQUIRES_NEW)
    public void undecided(long dispatchId, int number, String reason) {
        attempts.reconciled(dispatchId, number, Outcome.UNDECIDED, null);
        dispatches.markFailed(dispatchId, DispatchStatus.OUTCOME_UNKNOWN, null, reason, clock.instant());
    }

    @Transactional(TxType.REQUIRES_NEW)
    public boolean ownsSid(String messageSid) {
        return dispatches.ownsSid(messageSid);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void dryRun(long id) {
        dispatches.markDryRun(id, clock.instant());
        reopenDecision(id);
    }

    /** Twilio refused for good; an opt-out error also marks the contact opted out. */
    @Transactional(TxType.REQUIRES_NEW)
    public void rejected(long id, int number, String contactId, TwilioSendException.Permanent failure) {
        attempts.finish(id, number, Outcome.REJECTED, failure.httpStatus(), failure.errorCode(), null);
        dispatches.markFailed(id, DispatchStatus.REJECTED, failure.errorCode(), failure.getMessage(), clock.instant());
        if (failure.kind() == TwilioSendException.Kind.OPTED_OUT) {
            consents.record(contactId, true, "Twilio error " + failure.errorCode(), clock.instant());
        }
    }

    /** Every attempt is known not to have created a message and they ran out: a replay may claim the key again. */
    @Transactional(TxType.REQUIRES_NEW)
    public void gaveUp(long id, TwilioSendException.Transient failure) {
        dispatches.markFailed(id, DispatchStatus.GAVE_UP, failure.errorCode(), failure.getMessage(), clock.instant());
        reopenDecision(id);
    }

    /** A re-check before a new attempt says it must not go: nothing was sent. */
    @Transactional(TxType.REQUIRES_NEW)
    public void cancelled(long id, String reason) {
        dispatches.markFailed(id, DispatchStatus.CANCELLED, null, reason, clock.instant());
    }

    /** Takes over up to {@code limit} claims whose lease ran out, except those this instance is working on. */
    @Transactional(TxType.REQUIRES_NEW)
    public List<OrphanedClaim> adoptExpired(UUID instanceId, Collection<Long> heldHere, int limit) {
        return dispatches.adoptExpired(instanceId, heldHere, limit, config.claimLease(), clock.instant());
    }

    /**
     * Applies a status callback when it moves the dispatch forward; an opt-out error code marks the contact.
     * @return whether it moved a free-form message forward with an error code (the caller checks which)
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean applyStatus(MessageStatusChanged callback, DispatchStatus status, String errorCode, String errorMessage) {
        boolean advanced = dispatches.advance(callback.messageSid(), status, errorCode,
                Redaction.phoneNumbers(errorMessage), clock.instant());
        if (!advanced || errorCode == null) {
            return false;
        }
        if (TwilioErrors.MARKETING_LIMITED.contains(errorCode.trim())) {
            // the contact is fine: never an opt-out; the follow-up goes again after the limit's period
            dispatches.deferForMarketingLimit(callback.messageSid(), null, config.marketingLimitRetry(), errorCode.trim(),
                    Redaction.phoneNumbers(errorMessage), clock.instant()).ifPresent(id -> {
                        countMarketingLimited("callback");
                        Log.infof("dispatch %d to %s held back by Meta's marketing limit (%s); tried again after %s", id,
                                ContactIds.mask(callback.contactId()), errorCode.trim(), config.marketingLimitRetry());
                    });
            return false;
        }
        if (OPTED_OUT_CODES.contains(errorCode.trim())) {
            consents.record(callback.contactId(), true, "Twilio error " + errorCode, callback.receivedAt());
            Log.infof("contact %s opted out (Twilio error %s)", ContactIds.mask(callback.contactId()), errorCode);
        }
        return dispatches.findBySid(callback.messageSid()).map(d -> d.kind == Dispatch.Kind.MESSAGE).orElse(false);
    }

    private void countMarketingLimited(String seenIn) {
        Counter.builder("followup.marketing.limited").tag("seen", seenIn)
                .description("sends Meta held back for its per-user marketing limit (63049 / 131049), each tried again later")
                .register(meters).increment();
    }

    /** A status callback reported Meta's pricing of the message: it replaces the estimate. */
    @Transactional(TxType.REQUIRES_NEW)
    public void repriced(String messageSid, Priced priced) {
        dispatches.repriced(messageSid, priced);
    }

    /** Gives the claim back for {@code after} (database time); then any instance's recovery may adopt it. */
    @Transactional(TxType.REQUIRES_NEW)
    public void releaseFor(long id, Duration after) {
        dispatches.releaseFor(id, after);
    }

    /** Gives the claim back until a policy time (the end of quiet hours). */
    @Transactional(TxType.REQUIRES_NEW)
    public void releaseUntil(long id, Instant until) {
        dispatches.releaseUntil(id, until);
    }

    /**
     * Nothing went out for this follow-up (dry run, or every attempt known not created): the window's decision is
     * open again, so a redelivery (a DLQ replay, credentials set later) may still follow it up.
     */
    private void reopenDecision(long dispatchId) {
        entityManager.createNativeQuery("""
                DELETE FROM followup_window_decision w USING dispatch d
                WHERE d.id = :id AND d.kind = 'FOLLOWUP' AND w.window_event_id = d.window_event_id AND w.rule_id = d.rule_id""")
                .setParameter("id", dispatchId)
                .executeUpdate();
    }
}
