package com.wawindow.sender.service;

import com.wawindow.sender.entity.Priced;
import com.wawindow.sender.entity.PricingRate;
import com.wawindow.sender.repository.PricingRateRepository;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The pricing table ({@code pricing_rate}) as every send prices itself against it: read once and kept for
 * {@link #REFRESH}, so a claim prices without a query; replaced by an operator through {@link #replace} (this instance
 * re-reads at once, the others within {@link #REFRESH}).
 */
@ApplicationScoped
public class Pricing {

    /** How long another instance's replacement of the table may go unseen here. */
    static final Duration REFRESH = Duration.ofSeconds(30);

    /** One row as the API shows and takes it. */
    public record RateView(
            @NotNull LocalDate effectiveFrom,
            @NotBlank @Pattern(regexp = "(?i)marketing|utility|authentication|service",
                    message = "must be marketing, utility, authentication or service") String category,
            @NotBlank @Pattern(regexp = "\\*|[1-9][0-9]{0,5}", message = "must be a calling code (digits) or *") String region,
            @NotNull @DecimalMin("0") BigDecimal rate,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency,
            boolean billableInServiceWindow,
            @NotBlank String source) {

        static RateView of(PricingRate r) {
            return new RateView(r.effectiveFrom, PricingRules.normalised(r.category), r.region, r.rate, r.currency,
                    r.billableInServiceWindow, r.source);
        }
    }

    private record Snapshot(List<PricingRate> rates, Instant readAt) {
    }

    private final PricingRateRepository repository;
    private final Clock clock;
    private volatile Snapshot snapshot;

    public Pricing(PricingRateRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Prices one send against the table as it is now (no query unless the copy here is older than {@link #REFRESH}). */
    public Priced price(PricingRules.Send send) {
        return PricingRules.price(rates(), send);
    }

    public Priced fromCallback(String contactId, String category, Boolean billable, Instant at) {
        return PricingRules.fromCallback(rates(), contactId, category, billable, at);
    }

    List<PricingRate> rates() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current == null || current.readAt().plus(REFRESH).isBefore(now)) {
            List<PricingRate> read = QuarkusTransaction.requiringNew().call(repository::allInOrder);
            current = new Snapshot(List.copyOf(read), now);
            snapshot = current;
        }
        return current.rates();
    }

    @Transactional
    public List<RateView> list() {
        return repository.allInOrder().stream().map(RateView::of).toList();
    }

    /**
     * Replaces the whole table (a new price list from Meta, or one of the operator's own) in one transaction.
     * @throws ProblemException invalid-request (400) for an empty list or two rows of one (day, category, region)
     */
    public List<RateView> replace(List<RateView> rows) {
        List<RateView> stored = QuarkusTransaction.requiringNew().call(() -> replaceRows(rows));
        // after the commit: a price read meanwhile may not keep the old table for another REFRESH
        snapshot = null;
        return stored;
    }

    private List<RateView> replaceRows(List<RateView> rows) {
        if (rows.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "the pricing table needs at least one row");
        }
        Set<String> seen = new HashSet<>();
        for (RateView row : rows) {
            String key = row.effectiveFrom() + "/" + row.category().toLowerCase(Locale.ROOT) + "/" + row.region();
            if (!seen.add(key)) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "two rows for " + key);
            }
        }
        repository.deleteAll();
        for (RateView row : rows) {
            PricingRate rate = new PricingRate();
            rate.effectiveFrom = row.effectiveFrom();
            rate.category = row.category().toUpperCase(Locale.ROOT);
            rate.region = row.region();
            rate.rate = row.rate();
            rate.currency = row.currency();
            rate.billableInServiceWindow = row.billableInServiceWindow();
            rate.source = row.source();
            repository.persist(rate);
        }
        repository.flush();
        return repository.allInOrder().stream().map(RateView::of).toList();
    }
}
