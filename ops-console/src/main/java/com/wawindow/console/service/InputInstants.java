package com.wawindow.console.service;

import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A date-time as a form sends it ({@code 2026-12-01T09:30} from a datetime-local input, taken as UTC) or ISO-8601. */
final class InputInstants {

    private InputInstants() {
    }

    static Instant parse(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    throw new ProblemException(ProblemType.INVALID_REQUEST,
                            field + " must be a date and time such as 2026-12-01T09:30 (UTC), not '" + value + "'");
                }
            }
        }
    }

    /** The value a datetime-local input shows for an instant (UTC, minutes). */
    static String input(Instant instant) {
        return instant == null ? "" : LocalDateTime.ofInstant(instant, ZoneOffset.UTC).withSecond(0).withNano(0).toString();
    }
}
