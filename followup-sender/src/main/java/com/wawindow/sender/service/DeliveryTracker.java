package com.wawindow.sender.service;

import com.wawindow.events.MessageStatusChanged;
import com.wawindow.sender.entity.DispatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/**
 * Applies Twilio's status callbacks to the dispatches: forward only (queued, sent, delivered, read; failed /
 * undelivered with the error code), whatever order they arrive in. An opt-out error marks the contact.
 */
@ApplicationScoped
public class DeliveryTracker {

    private static final Set<String> OUTSIDE_WINDOW_CODES = Set.of("63016", "131047");

    private final DispatchLedger ledger;
    private final MessageService messages;

    public DeliveryTracker(DispatchLedger ledger, MessageService messages) {
        this.ledger = ledger;
        this.messages = messages;
    }

    /**
     * A free-form message that fails later with 63016 / 131047 (outside the window) becomes a template
     * follow-up, after the status is committed: the follow-up calls Twilio and must not hold that transaction.
     */
    public void onStatus(MessageStatusChanged callback) {
        Optional<DispatchStatus> status = DispatchStatus.fromTwilio(callback.status());
        if (status.isEmpty() || callback.messageSid() == null) {
            return;
        }
        String errorCode = blankToNull(callback.errorCode());
        boolean freeFormOutsideWindow = ledger.applyStatus(callback, status.get(), errorCode,
                blankToNull(callback.errorMessage()));
        if (freeFormOutsideWindow && OUTSIDE_WINDOW_CODES.contains(errorCode.trim())) {
            messages.followUpOutsideWindow(callback.contactId());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
