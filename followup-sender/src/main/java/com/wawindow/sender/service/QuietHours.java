package com.wawindow.sender.service;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;

/** A daily range of local time without sends, e.g. {@code 21:00-08:00} (may wrap past midnight). */
public record QuietHours(LocalTime start, LocalTime end) {

    /** @throws ProblemException (invalid request) unless {@code HH:mm-HH:mm} */
    public static Optional<QuietHours> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String[] parts = text.trim().split("-");
        try {
            if (parts.length == 2) {
                return Optional.of(new QuietHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim())));
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new ProblemException(ProblemType.INVALID_REQUEST, "quiet hours must look like 21:00-08:00, was '" + text + "'");
    }

    /** The first instant at or after {@code at} outside the quiet hours of {@code zone}. */
    public Instant nextAllowed(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (start.equals(end) || !contains(time)) {
            return at;
        }
        ZonedDateTime endToday = local.with(end);
        return (endToday.isAfter(local) ? endToday : endToday.plusDays(1)).toInstant();
    }

    private boolean contains(LocalTime time) {
        return start.isBefore(end)
                ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
    }
}
