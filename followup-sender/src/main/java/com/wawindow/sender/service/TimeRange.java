package com.wawindow.sender.service;

import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The {@code from} / {@code to} range of the stats; the last 7 days up to now by default. */
public record TimeRange(Instant from, Instant to) {

    /** @throws ProblemException (invalid request) for a value that is not an instant or an empty range */
    public static TimeRange parse(String from, String to, Instant now) {
        Instant end = instant("to", to, now.plusSeconds(1));
        Instant start = instant("from", from, end.minus(Duration.ofDays(7)));
        if (!start.isBefore(end)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "from must be before to");
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
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    name + " must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }
}
