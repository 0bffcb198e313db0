package com.wawindow.sender.service;

import com.wawindow.events.ContactIds;
import com.wawindow.sender.client.OutboundMessage;
import com.wawindow.sender.client.TwilioMessages;
import com.wawindow.sender.client.TwilioSendException;
import com.wawindow.sender.entity.DispatchStatus;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.DispatchRepository.Claim;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Sends one message at most once per dedupe key: the key is claimed in its own committed transaction
 * before Twilio is called, the outcome recorded after. Nothing holds a database connection during the call.
 */
@ApplicationScoped
public class Dispatcher {

    /** What became of a dispatch. */
    public sealed interface Outcome {
        /** Another delivery or instance already owns this dedupe key: nothing was sent. */
        record Duplicate() implements Outcome {
        }

        record DryRun(long dispatchId) implements Outcome {
        }

        record Sent(long dispatchId, String messageSid) implements Outcome {
        }

        /** Twilio refused it for good; not retried. */
        record Rejected(long dispatchId, TwilioSendException.Kind kind, String errorCode, String message) implements Outcome {
        }
    }

    @Inject
    DispatchRepository dispatches;
    @Inject
    ContactConsentRepository consents;
    @Inject
    TwilioMessages twilio;
    @Inject
    SenderInstance instance;

    /**
     * @throws TwilioSendException.Transient when retries ran out (the dispatch is then {@link DispatchStatus#GAVE_UP}
     *         and may be claimed again by a replay)
     */
    public Outcome dispatch(Claim claim) {
        Long id = QuarkusTransaction.requiringNew().call(() -> dispatches.claim(claim, instance.id())).orElse(null);
        if (id == null) {
            Log.debugf("dispatch %s already claimed, not sending again", claim.dedupeKey());
            return new Outcome.Duplicate();
        }
        return deliver(id, claim.contactId(), claim.message());
    }

    /**
     * Finishes a claim that a crashed instance left behind: when Twilio already created the message since the
     * claim, records it; otherwise sends it now. Either way the contact gets it once.
     */
    public Outcome recover(DispatchRepository.OrphanedClaim orphan) {
        if (!twilio.dryRun()) {
            // the crashed sender may have reached Twilio just before it died; 5 s allow for clock skew with Twilio
            var created = twilio.findCreatedSince(orphan.message(), orphan.claimedAt().minusSeconds(5));
            if (created.isPresent()) {
                TwilioMessages.Accepted accepted = created.get();
                DispatchStatus status = DispatchStatus.fromTwilio(accepted.status()).orElse(DispatchStatus.ACCEPTED);
                QuarkusTransaction.requiringNew().run(() -> dispatches.markAccepted(orphan.id(), accepted.messageSid(), status));
                Log.infof("recovered dispatch %d to %s: Twilio had created %s before the crash", orphan.id(),
                        ContactIds.mask(orphan.contactId()), accepted.messageSid());
                return new Outcome.Sent(orphan.id(), accepted.messageSid());
            }
        }
        Log.infof("recovered dispatch %d to %s: not at Twilio, sending it now", orphan.id(), ContactIds.mask(orphan.contactId()));
        return deliver(orphan.id(), orphan.contactId(), orphan.message());
    }

    private Outcome deliver(long id, String contactId, OutboundMessage message) {
        if (twilio.dryRun()) {
            Log.infof("DRY RUN (no Twilio credentials), would POST Messages.json To=%s From=%s MessagingServiceSid=%s "
                            + "ContentSid=%s ContentVariables=%s Body=%s StatusCallback=%s",
                    ContactIds.mask(message.to()), message.from(), message.messagingServiceSid(), message.contentSid(),
                    message.contentVariables(), message.body() == null ? null : "(" + message.body().length() + " chars)",
                    message.statusCallback());
            QuarkusTransaction.requiringNew().run(() -> dispatches.markDryRun(id));
            return new Outcome.DryRun(id);
        }
        try {
            TwilioMessages.Accepted accepted = twilio.send(message);
            DispatchStatus status = DispatchStatus.fromTwilio(accepted.status()).orElse(DispatchStatus.ACCEPTED);
            QuarkusTransaction.requiringNew().run(() -> dispatches.markAccepted(id, accepted.messageSid(), status));
            Log.infof("sent %s to %s: %s", message.isTemplate() ? message.contentSid() : "free-form message",
                    ContactIds.mask(contactId), accepted.messageSid());
            return new Outcome.Sent(id, accepted.messageSid());
        } catch (TwilioSendException.Permanent e) {
            QuarkusTransaction.requiringNew().run(() -> {
                dispatches.markFailed(id, DispatchStatus.REJECTED, e.errorCode(), e.getMessage());
                if (e.kind() == TwilioSendException.Kind.OPTED_OUT) {
                    consents.record(contactId, true, "Twilio error " + e.errorCode(), Instant.now());
                }
            });
            Log.warnf("Twilio rejected the message to %s: %s %s", ContactIds.mask(contactId), e.errorCode(),
                    e.getMessage());
            return new Outcome.Rejected(id, e.kind(), e.errorCode(), e.getMessage());
        } catch (TwilioSendException.Transient e) {
            QuarkusTransaction.requiringNew().run(
                    () -> dispatches.markFailed(id, DispatchStatus.GAVE_UP, e.errorCode(), e.getMessage()));
            Log.warnf("gave up sending to %s after retries: %s %s", ContactIds.mask(contactId), e.errorCode(),
                    e.getMessage());
            throw e;
        }
    }
}
