package com.wawindow.sender.service;

import com.wawindow.events.ContactIds;
import com.wawindow.sender.entity.Priced;
import com.wawindow.sender.entity.PricingRate;
import com.wawindow.sender.entity.Template;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Meta's per-message pricing as a pure function of the rates and one send: its pricing category and whether it is
 * billable. Inside the free entry point window (72 hours after a click-to-WhatsApp ad) every message is free and its
 * category is {@code referral_conversion}; a free-form message is {@code service}; a template takes its own category,
 * billable outside the service window and, inside it, as its rate row says ({@code billable_in_service_window}: false for
 * utility under today's rules). The rate is the row of the contact's longest matching calling code (else {@code *}) in
 * effect on the send's UTC day.
 */
public final class PricingRules {

    public static final String SERVICE = "service";
    public static final String UTILITY = "utility";
    public static final String MARKETING = "marketing";
    public static final String AUTHENTICATION = "authentication";
    public static final String REFERRAL_CONVERSION = "referral_conversion";
    /** A template whose category the registry does not know: billed as a template, at no known rate. */
    public static final String UNKNOWN_CATEGORY = "unknown";

    /** Everything the category and the bill depend on. {@code templateCategory} is null for a free-form message. */
    public record Send(String contactId, String templateCategory, boolean serviceWindowOpen, boolean entryPointOpen,
            Instant at) {
    }

    public static final String ESTIMATE = "ESTIMATE";
    public static final String CALLBACK = "CALLBACK";

    private PricingRules() {
    }

    public static Priced price(List<PricingRate> rates, Send send) {
        String rateCategory = send.templateCategory() == null ? SERVICE : normalised(send.templateCategory());
        Optional<PricingRate> rate = rateFor(rates, rateCategory, send.contactId(), send.at());
        if (send.entryPointOpen()) {
            return new Priced(REFERRAL_CONVERSION, false, BigDecimal.ZERO, rate.map(r -> r.currency).orElse(null),
                    rate.map(r -> r.id).orElse(null), ESTIMATE);
        }
        boolean billable = send.templateCategory() == null
                ? rate.map(r -> r.billableInServiceWindow).orElse(false)
                : !send.serviceWindowOpen() || rate.map(r -> r.billableInServiceWindow).orElse(true);
        return priced(rateCategory, billable, rate, ESTIMATE);
    }

    /**
     * What a status callback carrying Meta's own category says: it overrides the estimate; billable unless Meta said
     * otherwise ({@code billable} null: as the category's rate row has it outside the service window, i.e. billed).
     */
    public static Priced fromCallback(List<PricingRate> rates, String contactId, String category, Boolean billable,
            Instant at) {
        String reported = normalised(category);
        boolean free = REFERRAL_CONVERSION.equals(reported);
        Optional<PricingRate> rate = free ? Optional.empty() : rateFor(rates, reported, contactId, at);
        boolean isBillable = billable != null ? billable : !free && !SERVICE.equals(reported);
        return priced(reported, isBillable, rate, CALLBACK);
    }

    private static Priced priced(String category, boolean billable, Optional<PricingRate> rate, String source) {
        BigDecimal cost = !billable ? BigDecimal.ZERO : rate.map(r -> r.rate).orElse(null);
        return new Priced(category, billable, cost, rate.map(r -> r.currency).orElse(null), rate.map(r -> r.id).orElse(null),
                source);
    }

    /** The row of the longest region matching the contact's number, newest in effect on {@code at}'s UTC day. */
    static Optional<PricingRate> rateFor(List<PricingRate> rates, String category, String contactId, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        String digits = ContactIds.isPhoneNumber(contactId) ? contactId.substring(1) : "";
        return rates.stream()
                .filter(r -> category.equalsIgnoreCase(r.category))
                .filter(r -> !r.effectiveFrom.isAfter(day))
                .filter(r -> PricingRate.ANY_REGION.equals(r.region) || digits.startsWith(r.region))
                .max(Comparator.<PricingRate>comparingInt(r -> PricingRate.ANY_REGION.equals(r.region) ? 0 : r.region.length())
                        .thenComparing(r -> r.effectiveFrom));
    }

    /** A template's category for pricing: {@link #UNKNOWN_CATEGORY} when the registry has none (no rate, so unpriced). */
    public static String categoryOf(Template template) {
        return template.category == null || template.category.isBlank() ? UNKNOWN_CATEGORY : template.category;
    }

    /** Meta's category names in lower case ({@code MARKETING} and {@code marketing} alike). */
    public static String normalised(String category) {
        return category == null ? null : category.trim().toLowerCase(Locale.ROOT);
    }
}
