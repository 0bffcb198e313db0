package com.wawindow.sender.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The {@code from} / {@code to} query parameters of the stats endpoints; the last 7 days by default. */
record TimeRange(Instant from, Instant to) {

    static TimeRange parse(String from, String to) {
        Instant end = instant("to", to, Instant.now().plusSeconds(1));
        Instant start = instant("from", from, end.minus(Duration.ofDays(7)));
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("from must be before to");
        }
        return new TimeRange(start, end);
    }

    private static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }
}
