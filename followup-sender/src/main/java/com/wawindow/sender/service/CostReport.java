package com.wawindow.sender.service;

import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the sends cost under Meta's per-message pricing, grouped by template, rule, campaign, UTC day or pricing
 * category: messages Twilio accepted (not failed or undelivered: Meta bills delivered messages), the billable ones and
 * their estimated cost per currency, as priced at the claim or as a status callback reported. {@code unpriced} counts
 * billable messages no pricing row covered: their cost is unknown, not zero.
 */
@ApplicationScoped
public class CostReport {

    /** What a report may be grouped by, and the SQL of its key. */
    public enum GroupBy {
        TEMPLATE("COALESCE(content_sid, 'free-form')"),
        RULE("COALESCE(CAST(rule_id AS TEXT), '-')"),
        CAMPAIGN("COALESCE(CAST(campaign_id AS TEXT), '-')"),
        DAY("CAST(CAST(created_at AT TIME ZONE 'UTC' AS DATE) AS TEXT)"),
        CATEGORY("COALESCE(pricing_category, 'unpriced')");

        private final String key;

        GroupBy(String key) {
            this.key = key;
        }

        static GroupBy parse(String value) {
            try {
                return value == null || value.isBlank() ? DAY : valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ProblemException(ProblemType.INVALID_REQUEST,
                        "by must be template, rule, campaign, day or category");
            }
        }
    }

    /** One group: {@code costs} per currency. */
    public record Row(String key, long messages, long billable, long unpriced, Map<String, BigDecimal> costs) {
    }

    public record Report(Instant from, Instant to, String by, List<Row> rows, Row total) {
    }

    private final EntityManager entityManager;
    private final Clock clock;

    public CostReport(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional
    public Report report(String by, String from, String to) {
        GroupBy groupBy = GroupBy.parse(by);
        TimeRange range = TimeRange.parse(from, to, clock.instant());
        @SuppressWarnings("unchecked")
        List<Object[]> found = entityManager.createNativeQuery("SELECT " + groupBy.key + """
                 AS k, cost_currency, count(*), count(*) FILTER (WHERE billable),
                    count(*) FILTER (WHERE billable AND estimated_cost IS NULL),
                    COALESCE(sum(estimated_cost) FILTER (WHERE billable), 0)
                FROM dispatch
                WHERE created_at >= :from AND created_at < :to AND twilio_message_sid IS NOT NULL
                    AND status NOT IN ('FAILED', 'UNDELIVERED', 'REJECTED')
                GROUP BY 1, 2 ORDER BY 1, 2""")
                .setParameter("from", range.from())
                .setParameter("to", range.to())
                .getResultList();
        Map<String, Row> rows = new TreeMap<>();
        for (Object[] r : found) {
            String key = (String) r[0];
            rows.merge(key, row(key, r), CostReport::add);
        }
        Row total = rows.values().stream().reduce(new Row("total", 0, 0, 0, Map.of()), CostReport::add);
        return new Report(range.from(), range.to(), groupBy.name().toLowerCase(Locale.ROOT), new ArrayList<>(rows.values()),
                new Row("total", total.messages(), total.billable(), total.unpriced(), total.costs()));
    }

    private static Row row(String key, Object[] r) {
        String currency = (String) r[1];
        BigDecimal cost = (BigDecimal) r[5];
        Map<String, BigDecimal> costs = new TreeMap<>();
        if (currency != null) {
            costs.put(currency, cost);
        }
        return new Row(key, ((Number) r[2]).longValue(), ((Number) r[3]).longValue(), ((Number) r[4]).longValue(), costs);
    }

    private static Row add(Row a, Row b) {
        Map<String, BigDecimal> costs = new TreeMap<>(a.costs());
        b.costs().forEach((currency, cost) -> costs.merge(currency, cost, BigDecimal::add));
        return new Row(a.key(), a.messages() + b.messages(), a.billable() + b.billable(), a.unpriced() + b.unpriced(), costs);
    }
}
