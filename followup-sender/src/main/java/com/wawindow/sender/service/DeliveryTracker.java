package com.wawindow.sender.service;

import com.wawindow.sender.entity.Priced;
import com.wawindow.events.MessageStatusChanged;
import com.wawindow.sender.entity.DispatchStatus;
import jakarta.enterprise.context.ApplicationScoped;
import com.wawindow.sender.config.NudgeConfig;
import java.util.List;
import java.util.Map;
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
    private final Pricing pricing;
    private final NudgeConfig config;

    public DeliveryTracker(DispatchLedger ledger, MessageService messages, Pricing pricing, NudgeConfig config) {
        this.ledger = ledger;
        this.messages = messages;
        this.pricing = pricing;
        this.config = config;
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
        reportedPricing(callback).ifPresent(priced -> ledger.repriced(callback.messageSid(), priced));
        String errorCode = blankToNull(callback.errorCode());
        boolean freeFormOutsideWindow = ledger.applyStatus(callback, status.get(), errorCode,
                blankToNull(callback.errorMessage()));
        if (freeFormOutsideWindow && OUTSIDE_WINDOW_CODES.contains(errorCode.trim())) {
            messages.followUpOutsideWindow(callback.contactId());
        }
    }

    /** Meta's own pricing category, where the callback carries it: it overrides the estimate made at the claim. */
    Optional<Priced> reportedPricing(MessageStatusChanged callback) {
        Optional<String> category = first(callback.otherParameters(), config.pricingCallbackCategoryParameters());
        if (category.isEmpty()) {
            return Optional.empty();
        }
        Boolean billable = first(callback.otherParameters(), config.pricingCallbackBillableParameters())
                .map(value -> Boolean.valueOf(value.trim())).orElse(null);
        return Optional.of(pricing.fromCallback(callback.contactId(), category.get(), billable, callback.receivedAt()));
    }

    private static Optional<String> first(Map<String, String> parameters, List<String> names) {
        return names.stream().map(parameters::get).filter(v -> v != null && !v.isBlank()).findFirst();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
