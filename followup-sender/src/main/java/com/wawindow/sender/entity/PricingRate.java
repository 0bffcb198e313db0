package com.wawindow.sender.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One rate of Meta's per-message pricing, in effect from a UTC day for one category in one region (a calling code, or
 * {@code *} for the rest of the world). Rows are data the operator replaces ({@code PUT /pricing/rates}): a change Meta
 * announces is a new row, not a release.
 */
@Entity
@Table(name = "pricing_rate")
public class PricingRate {

    public static final String ANY_REGION = "*";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "effective_from")
    public LocalDate effectiveFrom;
    /** {@code MARKETING}, {@code UTILITY}, {@code AUTHENTICATION} or {@code SERVICE}. */
    public String category;
    public String region;
    public BigDecimal rate;
    public String currency;
    /** Billed while the customer service window is open (a template outside it always is). */
    @Column(name = "billable_in_service_window")
    public boolean billableInServiceWindow;
    /** Where the figure was published, and when. */
    public String source;
}
