package com.wawindow.console.rest;

import io.quarkus.qute.TemplateExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How the pages write instants and rates. */
@TemplateExtension
public final class TemplateFormats {

    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TemplateFormats() {
    }

    static String shown(Instant instant) {
        return instant == null ? "—" : SHORT.format(instant);
    }

    static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    static String lower(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }

    static String percent(Double rate) {
        return rate == null ? "—" : String.format(Locale.ROOT, "%.1f %%", rate * 100);
    }

    /** A difference of two rates in percentage points, signed: {@code +10.0 pp}. */
    static String points(Double difference) {
        return difference == null ? "—" : String.format(Locale.ROOT, "%+.1f pp", difference * 100);
    }

    /** An amount per currency, {@code USD 0.1644}, several joined by commas; "—" for none. */
    static String money(Map<String, BigDecimal> amounts) {
        return amounts == null || amounts.isEmpty() ? "—" : amounts.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + " " + e.getValue().stripTrailingZeros().toPlainString())
                .collect(Collectors.joining(", "));
    }

    /** Seconds with a unit, {@code 0.42 s}, {@code 12 s}. */
    static String seconds(Double value) {
        return value == null ? "—" : value < 10 ? String.format(Locale.ROOT, "%.2f s", value)
                : String.format(Locale.ROOT, "%.0f s", value);
    }

    /** A count that comes as a double from Prometheus. */
    static long whole(Double value) {
        return value == null ? 0 : Math.round(value);
    }

    static long percentOf(Double rate) {
        return rate == null ? 0 : Math.round(rate * 100);
    }
}
