package com.wawindow.sender.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.sender.entity.Priced;
import com.wawindow.sender.entity.PricingRate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Each kind of send's pricing category and bill, at fixed instants, against a small table. */
class PricingRulesTest {

    private static final String INDONESIA = "+6281234567890";
    private static final String GERMANY = "+4915112345678";
    private static final Instant JUNE = Instant.parse("2026-06-15T10:00:00Z");
    private static final AtomicLong IDS = new AtomicLong();

    private static final List<PricingRate> RATES = List.of(
            rate("2025-07-01", "MARKETING", "62", "0.0411", true),
            rate("2025-07-01", "UTILITY", "62", "0.0250", false),
            rate("2025-07-01", "AUTHENTICATION", "62", "0.0250", true),
            rate("2025-07-01", "SERVICE", "*", "0", false),
            rate("2025-07-01", "MARKETING", "*", "0.0600", true),
            rate("2026-10-01", "MARKETING", "62", "0.0500", true));

    @Test
    void aFreeFormMessageInsideTheWindowIsServiceAndFree() {
        Priced priced = PricingRules.price(RATES, new PricingRules.Send(INDONESIA, null, true, false, JUNE));
        assertEquals("service", priced.category());
        assertFalse(priced.billable());
        assertEquals(0, BigDecimal.ZERO.compareTo(priced.cost()));
    }

    @Test
    void aUtilityTemplateIsFreeInsideTheServiceWindowAndBilledOutsideIt() {
        Priced inside = PricingRules.price(RATES, new PricingRules.Send(INDONESIA, "UTILITY", true, false, JUNE));
        Priced outside = PricingRules.price(RATES, new PricingRules.Send(INDONESIA, "UTILITY", false, false, JUNE));
        assertEquals("utility", inside.category());
        assertFalse(inside.billable());
        assertTrue(outside.billable());
        assertEquals(new BigDecimal("0.0250"), outside.cost());
        assertEquals("USD", outside.currency());
    }

    @Test
    void aMarketingTemplateIsBilledInsideTheServiceWindowToo() {
        Priced inside = PricingRules.price(RATES, new PricingRules.Send(INDONESIA, "MARKETING", true, false, JUNE));
        assertEquals("marketing", inside.category());
        assertTrue(inside.billable());
        assertEquals(new BigDecimal("0.0411"), inside.cost());
    }

    @Test
    void anAuthenticationTemplateIsBilled() {
        Priced priced = PricingRules.price(RATES, new PricingRules.Send(INDONESIA, "authentication", false, false, JUNE));
        assertEquals("authentication", priced.category());
        assertTrue(priced.billable());
        assertEquals(new BigDecimal("0.0250"), priced.cost());
    }

    @Test
    void everythingInsideTheEntryPointWindowIsAFreeReferralConversion() {
        for (String category : new String[] {"MARKETING", "UTILITY", "AUTHENTICATION", null}) {
            Priced priced = PricingRules.price(RATES, new PricingRules.Send(INDONESIA, category, false, true, JUNE));
            assertEquals("referral_conversion", priced.category(), String.valueOf(category));
            assertFalse(priced.billable(), String.valueOf(category));
            assertEquals(0, BigDecimal.ZERO.compareTo(priced.cost()), String.valueOf(category));
        }
    }

    @Test
    void aRowWithALaterEffectiveDateChangesTheEstimateFromThatDateOn() {
        Instant dayBefore = Instant.parse("2026-09-30T23:59:59Z");
        Instant thatDay = Instant.parse("2026-10-01T00:00:00Z");
        assertEquals(new BigDecimal("0.0411"),
                PricingRules.price(RATES, new PricingRules.Send(INDONESIA, "MARKETING", false, false, dayBefore)).cost());
        assertEquals(new BigDecimal("0.0500"),
                PricingRules.price(RATES, new PricingRules.Send(INDONESIA, "MARKETING", false, false, thatDay)).cost());
    }

    @Test
    void aNumberWithoutItsOwnRowTakesTheRestOfTheWorldRate() {
        Priced priced = PricingRules.price(RATES, new PricingRules.Send(GERMANY, "MARKETING", false, false, JUNE));
        assertEquals(new BigDecimal("0.0600"), priced.cost());
    }

    @Test
    void aBillableSendNoRowCoversHasAnUnknownCostNotZero() {
        Priced priced = PricingRules.price(RATES, new PricingRules.Send(GERMANY, "UTILITY", false, false, JUNE));
        assertTrue(priced.billable());
        assertNull(priced.cost());
        assertNull(priced.rateId());
    }

    @Test
    void aCallbackWithMetasCategoryOverridesTheEstimate() {
        Priced utility = PricingRules.fromCallback(RATES, INDONESIA, "UTILITY", null, JUNE);
        assertEquals("utility", utility.category());
        assertTrue(utility.billable());
        assertEquals(new BigDecimal("0.0250"), utility.cost());
        assertEquals(PricingRules.CALLBACK, utility.source());
        Priced free = PricingRules.fromCallback(RATES, INDONESIA, "utility", false, JUNE);
        assertFalse(free.billable());
        assertEquals(0, BigDecimal.ZERO.compareTo(free.cost()));
        Priced referral = PricingRules.fromCallback(RATES, INDONESIA, "referral_conversion", null, JUNE);
        assertFalse(referral.billable());
    }

    private static PricingRate rate(String from, String category, String region, String rate, boolean inWindow) {
        PricingRate r = new PricingRate();
        r.id = IDS.incrementAndGet();
        r.effectiveFrom = LocalDate.parse(from);
        r.category = category;
        r.region = region;
        r.rate = new BigDecimal(rate);
        r.currency = "USD";
        r.billableInServiceWindow = inWindow;
        r.source = "test";
        return r;
    }
}
