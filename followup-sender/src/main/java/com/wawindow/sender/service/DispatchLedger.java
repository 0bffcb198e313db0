package com.wawindow.sender.service;

import com.wawindow.events.ContactIds;
import com.wawindow.events.MessageStatusChanged;
import com.wawindow.sender.client.Redaction;
import com.wawindow.sender.client.TwilioSendException;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.DispatchStatus;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.DispatchRepository.Claim;
import com.wawindow.sender.repository.DispatchRepository.OrphanedClaim;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The dispatch table's writes, each committed in a short transaction of its own (REQUIRES_NEW) before the caller
 * goes on: a claim is visible to every other instance before Twilio is called, and no JDBC connection is held across
 * the rate limiter's wait or the Twilio call.
 */
@ApplicationScoped
public class DispatchLedger {

    private static final Set<String> OPTED_OUT_CODES = Set.of("21610", "131050");

    private final DispatchRepository dispatches;
    private final ContactConsentRepository consents;
    private final Clock clock;

    public DispatchLedger(DispatchRepository dispatches, ContactConsentRepository consents, Clock clock) {
        this.dispatches = dispatches;
        this.consents = consents;
        this.clock = clock;
    }

    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Long> claim(Claim claim, UUID instanceId) {
        return dispatches.claim(claim, instanceId, clock.instant());
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void accepted(long id, String messageSid, DispatchStatus status) {
        dispatches.markAccepted(id, messageSid, status, clock.instant());
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void dryRun(long id) {
        dispatches.markDryRun(id, clock.instant());
    }

    /** Twilio refused for good; an opt-out error also marks the contact opted out. */
    @Transactional(TxType.REQUIRES_NEW)
    public void rejected(long id, String contactId, TwilioSendException.Permanent failure) {
        dispatches.markFailed(id, DispatchStatus.REJECTED, failure.errorCode(), failure.getMessage(), clock.instant());
        if (failure.kind() == TwilioSendException.Kind.OPTED_OUT) {
            consents.record(contactId, true, "Twilio error " + failure.errorCode(), clock.instant());
        }
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void gaveUp(long id, TwilioSendException.Transient failure) {
        dispatches.markFailed(id, DispatchStatus.GAVE_UP, failure.errorCode(), failure.getMessage(), clock.instant());
    }

    /** Takes over up to {@code limit} claims of instances silent since {@code deadBefore}. */
    @Transactional(TxType.REQUIRES_NEW)
    public List<OrphanedClaim> adoptOrphans(UUID instanceId, java.time.Instant deadBefore, int limit) {
        return dispatches.adoptOrphanedClaims(instanceId, deadBefore, limit, clock.instant());
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
        if (OPTED_OUT_CODES.contains(errorCode.trim())) {
            consents.record(callback.contactId(), true, "Twilio error " + errorCode, callback.receivedAt());
            Log.infof("contact %s opted out (Twilio error %s)", ContactIds.mask(callback.contactId()), errorCode);
        }
        return dispatches.findBySid(callback.messageSid()).map(d -> d.kind == Dispatch.Kind.MESSAGE).orElse(false);
    }

    @Transactional(TxType.REQUIRES_NEW)
    public void release(long id) {
        dispatches.releaseClaim(id);
    }
}
