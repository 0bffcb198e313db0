package com.wawindow.sender.service;

import com.wawindow.events.ContactIds;
import com.wawindow.events.MessageStatusChanged;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.DispatchStatus;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.DispatchRepository;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;

/**
 * Applies Twilio's status callbacks to the dispatches: forward only (queued, sent, delivered, read; failed /
 * undelivered with the error code), whatever order they arrive in. An opt-out error marks the contact.
 */
@ApplicationScoped
public class DeliveryTracker {

    private static final Set<String> OPTED_OUT_CODES = Set.of("21610", "131050");
    private static final Set<String> OUTSIDE_WINDOW_CODES = Set.of("63016", "131047");

    @Inject
    DispatchRepository dispatches;
    @Inject
    ContactConsentRepository consents;
    @Inject
    MessageService messages;

    /**
     * A free-form message that fails later with 63016 / 131047 (outside the window) becomes a template
     * follow-up, after the status is committed: the follow-up calls Twilio and must not hold this transaction.
     */
    @ActivateRequestContext
    public void onStatus(MessageStatusChanged callback) {
        Optional<DispatchStatus> status = DispatchStatus.fromTwilio(callback.status());
        if (status.isEmpty() || callback.messageSid() == null) {
            return;
        }
        String errorCode = blankToNull(callback.errorCode());
        boolean moved = QuarkusTransaction.requiringNew().call(() -> {
            boolean advanced = dispatches.advance(callback.messageSid(), status.get(), errorCode,
                    blankToNull(callback.errorMessage()));
            if (advanced && errorCode != null && OPTED_OUT_CODES.contains(errorCode.trim())) {
                consents.record(callback.contactId(), true, "Twilio error " + errorCode, callback.receivedAt());
                Log.infof("contact %s opted out (Twilio error %s)", ContactIds.mask(callback.contactId()), errorCode);
            }
            return advanced;
        });
        if (moved && errorCode != null && OUTSIDE_WINDOW_CODES.contains(errorCode.trim())
                && dispatches.findBySid(callback.messageSid()).map(d -> d.kind == Dispatch.Kind.MESSAGE).orElse(false)) {
            messages.followUpOutsideWindow(callback.contactId());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
