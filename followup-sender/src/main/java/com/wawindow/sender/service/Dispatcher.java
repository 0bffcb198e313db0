package com.wawindow.sender.service;

import com.wawindow.events.ContactIds;
import com.wawindow.sender.entity.OutboundMessage;
import com.wawindow.sender.client.TwilioMessages;
import com.wawindow.sender.client.TwilioSendException;
import com.wawindow.sender.entity.DispatchStatus;
import com.wawindow.sender.repository.DispatchRepository.Claim;
import com.wawindow.sender.repository.DispatchRepository.OrphanedClaim;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Sends one message at most once per dedupe key: the key is claimed in its own committed transaction
 * ({@link DispatchLedger}) before Twilio is called, the result recorded after. This class opens no transaction, so
 * nothing holds a database connection during the rate limiter's wait or the call.
 */
@ApplicationScoped
public class Dispatcher {

    private final DispatchLedger ledger;
    private final TwilioMessages twilio;
    private final SenderInstance instance;

    public Dispatcher(DispatchLedger ledger, TwilioMessages twilio, SenderInstance instance) {
        this.ledger = ledger;
        this.twilio = twilio;
        this.instance = instance;
    }

    /**
     * @throws TwilioSendException.Transient when retries ran out (the dispatch is then {@link DispatchStatus#GAVE_UP}
     *         and may be claimed again by a replay)
     */
    public DispatchResult dispatch(Claim claim) {
        Optional<Long> id = ledger.claim(claim, instance.id());
        if (id.isEmpty()) {
            Log.debugf("dispatch %s already claimed, not sending again", claim.kind());
            return new DispatchResult.Duplicate();
        }
        return deliver(id.get(), claim.contactId(), claim.message());
    }

    /**
     * Finishes a claim that a crashed instance left behind: when Twilio already created the message since the
     * claim, records it; otherwise sends it now. Either way the contact gets it once.
     */
    public DispatchResult recover(OrphanedClaim orphan) {
        if (!twilio.dryRun()) {
            // the crashed sender may have reached Twilio just before it died; 5 s allow for clock skew with Twilio
            var created = twilio.findCreatedSince(orphan.message(), orphan.claimedAt().minusSeconds(5));
            if (created.isPresent()) {
                TwilioMessages.Accepted accepted = created.get();
                ledger.accepted(orphan.id(), accepted.messageSid(), status(accepted));
                Log.infof("recovered dispatch %d to %s: Twilio had created %s before the crash", orphan.id(),
                        ContactIds.mask(orphan.contactId()), accepted.messageSid());
                return new DispatchResult.Sent(orphan.id(), accepted.messageSid());
            }
        }
        Log.infof("recovered dispatch %d to %s: not at Twilio, sending it now", orphan.id(), ContactIds.mask(orphan.contactId()));
        return deliver(orphan.id(), orphan.contactId(), orphan.message());
    }

    private DispatchResult deliver(long id, String contactId, OutboundMessage message) {
        if (twilio.dryRun()) {
            // the rendered ContentVariables carry the profile name: only their size at INFO, the text at DEBUG
            Log.infof("DRY RUN, would POST Messages.json To=%s From=%s MessagingServiceSid=%s ContentSid=%s "
                            + "ContentVariables=%s Body=%s StatusCallback=%s",
                    ContactIds.mask(message.to()), ContactIds.mask(message.from()), message.messagingServiceSid(),
                    message.contentSid(), size(message.contentVariables()), size(message.body()), message.statusCallback());
            Log.debugf("DRY RUN dispatch %d ContentVariables=%s", id, message.contentVariables());
            ledger.dryRun(id);
            return new DispatchResult.DryRun(id);
        }
        try {
            TwilioMessages.Accepted accepted = twilio.send(message);
            ledger.accepted(id, accepted.messageSid(), status(accepted));
            Log.infof("sent %s to %s: %s", message.isTemplate() ? message.contentSid() : "free-form message",
                    ContactIds.mask(contactId), accepted.messageSid());
            return new DispatchResult.Sent(id, accepted.messageSid());
        } catch (TwilioSendException.Permanent e) {
            ledger.rejected(id, contactId, e);
            Log.warnf("Twilio rejected the message to %s: %s %s", ContactIds.mask(contactId), e.errorCode(), e.getMessage());
            return new DispatchResult.Rejected(id, e.kind(), e.errorCode(), e.getMessage());
        } catch (TwilioSendException.Transient e) {
            ledger.gaveUp(id, e);
            Log.warnf("gave up sending to %s after retries: %s %s", ContactIds.mask(contactId), e.errorCode(), e.getMessage());
            throw e;
        }
    }

    private static DispatchStatus status(TwilioMessages.Accepted accepted) {
        return DispatchStatus.fromTwilio(accepted.status()).orElse(DispatchStatus.ACCEPTED);
    }

    private static String size(String text) {
        return text == null ? null : "(" + text.length() + " chars)";
    }
}
