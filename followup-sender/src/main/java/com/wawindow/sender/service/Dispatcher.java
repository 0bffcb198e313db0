package com.wawindow.sender.service;

import com.wawindow.events.ContactIds;
import com.wawindow.sender.client.SendDeadlinePassed;
import com.wawindow.sender.client.TwilioMessages;
import com.wawindow.sender.config.NudgeConfig;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.client.TwilioSendException;
import com.wawindow.sender.config.FollowupConfig;
import com.wawindow.sender.entity.DispatchAttempt;
import com.wawindow.sender.entity.DispatchAttempt.Outcome;
import com.wawindow.sender.entity.DispatchStatus;
import com.wawindow.sender.entity.OutboundMessage;
import com.wawindow.sender.repository.DispatchRepository.Claim;
import com.wawindow.sender.repository.DispatchRepository.OrphanedClaim;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends one message at most once per dedupe key. The key is claimed in its own committed transaction
 * ({@link DispatchLedger}) under a lease in database time; every Create Message attempt is recorded before its request
 * is written. Twilio's Create Message has no idempotency key, so no attempt follows another until the previous one is
 * known NOT to have created a message: an error that means "not created" (429, 20429, 63018, never connected) is retried
 * after a backoff; an attempt without a telling answer (read timeout, reset, 5xx) is reconciled with List Messages
 * first (found: recorded with its SID; provably absent: a new attempt; the list unreadable: the claim is given back and
 * recovery keeps asking, never creating). Every new attempt re-checks consent, approval, reply and quiet hours
 * ({@link AttemptCheck}). This class opens no transaction, so nothing holds a database connection during a wait or a call.
 */
@ApplicationScoped
public class Dispatcher {

    /** Twilio's date_created has whole seconds and its clock is not the database's: the lookup starts this much earlier. */
    static final Duration CLOCK_ALLOWANCE = Duration.ofSeconds(5);

    private final DispatchLedger ledger;
    private final TwilioMessages twilio;
    private final SenderInstance instance;
    private final AttemptCheck check;
    private final FollowupConfig config;
    private final NudgeConfig nudges;

    public Dispatcher(DispatchLedger ledger, TwilioMessages twilio, SenderInstance instance, AttemptCheck check,
            FollowupConfig config, NudgeConfig nudges) {
        this.nudges = nudges;
        this.ledger = ledger;
        this.twilio = twilio;
        this.instance = instance;
        this.check = check;
        this.config = config;
    }

    /** One dispatch in the works: what it is, for the re-checks, and the message. */
    record Work(long id, AttemptCheck.Subject subject, OutboundMessage message) {
    }

    /**
     * Claims the key and sends; the caller checked the first attempt already.
     * @throws TwilioSendException.Transient when attempts ran out, each known not to have created a message (the
     *         dispatch is then {@link DispatchStatus#GAVE_UP} and may be claimed again by a replay)
     */
    public DispatchResult dispatch(Claim claim) {
        Optional<Long> id = ledger.claim(claim, instance.id());
        if (id.isEmpty()) {
            Log.debugf("dispatch %s already claimed, not sending again", claim.kind());
            return new DispatchResult.Duplicate();
        }
        return send(id.get(), claim);
    }

    /** Sends a dispatch the caller has just claimed (in its own transaction) and checked. */
    public DispatchResult send(long id, Claim claim) {
        return run(new Work(id, new AttemptCheck.Subject(claim.kind(), claim.contactId(), claim.message().contentSid(),
                claim.ruleId(), claim.windowEventId(), claim.windowOpenedAt(), claim.windowExpiredAt()), claim.message()), true);
    }

    /**
     * Settles a claim adopted after its lease ran out: an attempt that may have created the message is reconciled
     * before anything else; a new attempt goes only after the re-checks.
     */
    public DispatchResult recover(OrphanedClaim orphan) {
        return run(new Work(orphan.id(), new AttemptCheck.Subject(orphan.kind(), orphan.contactId(),
                orphan.message().contentSid(), orphan.ruleId(), orphan.windowEventId(), orphan.windowOpenedAt(),
                orphan.windowExpiredAt()), orphan.message()), false);
    }

    private DispatchResult run(Work work, boolean firstChecked) {
        instance.hold(work.id());
        try {
            if (twilio.dryRun()) {
                return dryRun(work);
            }
            return attempt(work, firstChecked);
        } finally {
            instance.letGo(work.id());
        }
    }

    private DispatchResult attempt(Work work, boolean firstChecked) {
        long id = work.id();
        Optional<DispatchAttempt> last = ledger.lastAttempt(id);
        int number = last.map(a -> a.attemptNumber).orElse(0);
        if (last.isPresent() && last.get().outcome.unresolved()) {
            DispatchAttempt previous = last.get();
            Optional<DispatchResult> settled = reconcile(work, new DispatchLedger.StartedAttempt(previous.attemptNumber,
                    previous.startedAt, previous.expectedBody), false);
            if (settled.isPresent()) {
                return settled.get();
            }
        }
        boolean checked = firstChecked && number == 0;
        TwilioSendException.Transient lastFailure = null;
        for (int made = 0; ; made++) {
            if (!checked) {
                Optional<DispatchResult> stop = recheck(work);
                if (stop.isPresent()) {
                    return stop.get();
                }
            }
            checked = false;
            if (made >= config.maxAttempts()) {
                ledger.gaveUp(id, lastFailure);
                Log.warnf("gave up sending to %s after %d attempts, none created: %s %s", ContactIds.mask(work.subject().contactId()),
                        made, lastFailure.errorCode(), lastFailure.getMessage());
                throw lastFailure;
            }
            if (made > 0) {
                pause(backoff(made));
            }
            DispatchLedger.StartedAttempt started = ledger.startAttempt(id, ++number, instance.id(), work.message());
            try {
                TwilioMessages.Accepted accepted = twilio.send(work.message(), deadline(work.subject()));
                ledger.created(id, started.number(), Outcome.CREATED, accepted.messageSid(), status(accepted.status()));
                Log.infof("sent %s to %s: %s", work.message().isTemplate() ? work.message().contentSid() : "free-form message",
                        ContactIds.mask(work.subject().contactId()), accepted.messageSid());
                return new DispatchResult.Sent(id, accepted.messageSid());
            } catch (SendDeadlinePassed e) {
                ledger.absent(id, started.number());
                String reason = AttemptCheck.NUDGE_TOO_LATE + work.subject().windowExpiredAt() + " (" + e.getMessage() + ")";
                ledger.cancelled(id, reason);
                Log.infof("nudge %d to %s dropped: %s", id, ContactIds.mask(work.subject().contactId()), reason);
                return new DispatchResult.Cancelled(id, reason);
            } catch (TwilioSendException.Permanent e) {
                ledger.rejected(id, started.number(), work.subject().contactId(), e);
                Log.warnf("Twilio rejected the message to %s: %s %s", ContactIds.mask(work.subject().contactId()),
                        e.errorCode(), e.getMessage());
                return new DispatchResult.Rejected(id, e.kind(), e.errorCode(), e.getMessage());
            } catch (TwilioSendException.Transient e) {
                if (e.kind() == TwilioSendException.Kind.MARKETING_LIMITED) {
                    ledger.marketingLimited(id, started.number(), e);
                    Log.infof("Meta held the message to %s back for its marketing limit (%s); tried again after %s",
                            ContactIds.mask(work.subject().contactId()), e.errorCode(), config.marketingLimitRetry());
                    return new DispatchResult.Pending(id, "held back by Meta's marketing limit (" + e.errorCode()
                            + "); tried again after " + config.marketingLimitRetry());
                }
                lastFailure = e;
                ledger.attemptFailed(id, started.number(), e);
                if (e.maybeCreated()) {
                    Log.warnf("attempt %d to %s: outcome unknown (%s %s), asking Twilio's list before anything else",
                            started.number(), ContactIds.mask(work.subject().contactId()), e.errorCode(), e.getMessage());
                    Optional<DispatchResult> settled = reconcile(work, started, true);
                    if (settled.isPresent()) {
                        return settled.get();
                    }
                }
            }
        }
    }

    /**
     * Finds out whether an outcome-unknown attempt created the message. Matches List Messages (To, From, DateSent from
     * the attempt's day) on recipient, sender, date_created at or after the attempt's start, the expected text, and a
     * SID no dispatch owns yet. Exactly one such message: it is this attempt's. None: absent (empty result). Several
     * (asked again first: a concurrent dispatch of the same text may record its SID meanwhile), or a candidate while
     * the text is unknown: undecided, held.
     * @return the settled result, or empty when the attempt is provably absent and a new one may go
     */
    private Optional<DispatchResult> reconcile(Work work, DispatchLedger.StartedAttempt started, boolean justFailed) {
        long id = work.id();
        OutboundMessage message = work.message();
        if (justFailed) {
            pause(config.reconcileDelay());
        }
        Instant since = started.startedAt().truncatedTo(ChronoUnit.SECONDS).minus(CLOCK_ALLOWANCE);
        for (int tries = 0; tries < config.lookupAttempts(); tries++) {
            if (tries > 0) {
                pause(backoff(tries));
            }
            List<TwilioMessages.Listed> listed;
            try {
                listed = twilio.createdSince(message.to(), message.from(), since);
            } catch (TwilioSendException e) {
                Log.warnf("List Messages for dispatch %d failed (%s %s); not creating anything meanwhile", id, e.errorCode(),
                        e.getMessage());
                continue;
            } catch (RuntimeException e) {
                Log.warnf("List Messages for dispatch %d failed (%s); not creating anything meanwhile", id, e.toString());
                continue;
            }
            List<TwilioMessages.Listed> candidates = listed.stream()
                    .filter(m -> same(m.to(), message.to()) && (message.from() == null || same(m.from(), message.from())))
                    .filter(m -> !ledger.ownsSid(m.sid()))
                    .toList();
            String expected = started.expectedBody();
            List<TwilioMessages.Listed> matches = expected == null ? candidates
                    : candidates.stream().filter(m -> expected.equals(ExpectedBody.normalise(m.body()))).toList();
            if (matches.isEmpty()) {
                ledger.absent(id, started.number());
                Log.infof("attempt %d of dispatch %d: Twilio's list has no such message, a new attempt may go",
                        started.number(), id);
                return Optional.empty();
            }
            if (matches.size() > 1 && tries < config.lookupAttempts() - 1) {
                // another dispatch with the same text to this number may not have recorded its SID yet: ask again
                continue;
            }
            if (expected != null && matches.size() == 1) {
                TwilioMessages.Listed found = matches.get(0);
                ledger.created(id, started.number(), Outcome.FOUND, found.sid(), status(found.status()));
                Log.infof("attempt %d of dispatch %d to %s had created %s: recorded, not sent again", started.number(), id,
                        ContactIds.mask(work.subject().contactId()), found.sid());
                return Optional.of(new DispatchResult.Sent(id, found.sid()));
            }
            String reason = expected == null
                    ? matches.size() + " message(s) to this number since the attempt and the template's text is unknown"
                    : matches.size() + " messages with the same text to this number since the attempt";
            ledger.undecided(id, started.number(), reason);
            Log.warnf("dispatch %d to %s: %s; held as OUTCOME_UNKNOWN, not sent again", id,
                    ContactIds.mask(work.subject().contactId()), reason);
            return Optional.of(new DispatchResult.Undecided(id, reason));
        }
        // the list cannot be read: give the claim back; recovery asks again later and never creates meanwhile
        ledger.releaseFor(id, config.retryMaxDelay());
        return Optional.of(new DispatchResult.Pending(id, "outcome of attempt " + started.number()
                + " unknown and Twilio's list unreadable; recovery keeps asking"));
    }

    /** The latest a request may leave: a nudge's window deadline less the margin; none for every other send. */
    private Instant deadline(AttemptCheck.Subject subject) {
        return subject.kind() == Dispatch.Kind.NUDGE && subject.windowExpiredAt() != null
                ? subject.windowExpiredAt().minus(nudges.nudgeCloseMargin()) : null;
    }

    private Optional<DispatchResult> recheck(Work work) {
        AttemptCheck.Verdict verdict = check.check(work.subject());
        if (verdict instanceof AttemptCheck.Verdict.Stop stop) {
            ledger.cancelled(work.id(), stop.reason());
            Log.infof("dispatch %d to %s cancelled before a new attempt: %s", work.id(),
                    ContactIds.mask(work.subject().contactId()), stop.reason());
            return Optional.of(new DispatchResult.Cancelled(work.id(), stop.reason()));
        }
        if (verdict instanceof AttemptCheck.Verdict.Wait wait) {
            ledger.releaseUntil(work.id(), wait.until());
            return Optional.of(new DispatchResult.Pending(work.id(), "waits until " + wait.until() + ": " + wait.reason()));
        }
        return Optional.empty();
    }

    private DispatchResult dryRun(Work work) {
        OutboundMessage message = work.message();
        // the rendered ContentVariables carry the profile name: only their size at INFO, the text at DEBUG
        Log.infof("DRY RUN, would POST Messages.json To=%s From=%s MessagingServiceSid=%s ContentSid=%s "
                        + "ContentVariables=%s Body=%s StatusCallback=%s",
                ContactIds.mask(message.to()), ContactIds.mask(message.from()), message.messagingServiceSid(),
                message.contentSid(), size(message.contentVariables()), size(message.body()), message.statusCallback());
        Log.debugf("DRY RUN dispatch %d ContentVariables=%s", work.id(), message.contentVariables());
        ledger.dryRun(work.id());
        return new DispatchResult.DryRun(work.id());
    }

    private Duration backoff(int tries) {
        long base = config.retryDelay().toMillis() << Math.min(tries - 1, 20);
        long capped = Math.min(base, config.retryMaxDelay().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }

    private static boolean same(String listed, String sent) {
        return listed != null && listed.replace(" ", "").equalsIgnoreCase(sent.replace(" ", ""));
    }

    private static DispatchStatus status(String twilioStatus) {
        return DispatchStatus.fromTwilio(twilioStatus).orElse(DispatchStatus.ACCEPTED);
    }

    private static String size(String text) {
        return text == null ? null : "(" + text.length() + " chars)";
    }
}
