package com.wawindow.sender.service;

import com.wawindow.events.ContactIds;
import com.wawindow.events.MessageStatusChanged;
import com.wawindow.sender.entity.DispatchStatus;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.DispatchRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Optional;
import java.util.Set;

/**
 * Applies Twilio's status callbacks to the dispatches: forward only (queued, sent, delivered, read; failed /
 * undelivered with the error code), whatever order they arrive in. An opt-out error marks the contact.
 */
@ApplicationScoped
public class DeliveryTracker {

    private static final Set<String> OPTED_OUT_CODES = Set.of("21610", "131050");

    @Inject
    DispatchRepository dispatches;
    @Inject
    ContactConsentRepository consents;

    @Transactional
    public void onStatus(MessageStatusChanged callback) {
        Optional<DispatchStatus> status = DispatchStatus.fromTwilio(callback.status());
        if (status.isEmpty() || callback.messageSid() == null) {
            return;
        }
        boolean moved = dispatches.advance(callback.messageSid(), status.get(), blankToNull(callback.errorCode()),
                blankToNull(callback.errorMessage()));
        if (moved && callback.errorCode() != null && OPTED_OUT_CODES.contains(callback.errorCode().trim())) {
            consents.record(callback.contactId(), true, "Twilio error " + callback.errorCode(), callback.receivedAt());
            Log.infof("contact %s opted out (Twilio error %s)", ContactIds.mask(callback.contactId()), callback.errorCode());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
