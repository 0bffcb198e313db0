package com.wawindow.sender.entity;

import java.math.BigDecimal;

/**
 * One send's pricing as the dispatch row keeps it.
 * @param category Meta's pricing category: service, utility, marketing, authentication, referral_conversion
 * @param cost     the estimated cost, zero when not billable, null when billable and no pricing row covered it
 * @param rateId   the pricing row the cost came from, null when none matched
 * @param source   ESTIMATE (priced at the claim) or CALLBACK (a status callback carried Meta's category)
 */
public record Priced(String category, boolean billable, BigDecimal cost, String currency, Long rateId, String source) {
}
