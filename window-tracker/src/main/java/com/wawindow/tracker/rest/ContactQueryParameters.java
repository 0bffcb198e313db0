package com.wawindow.tracker.rest;

import com.wawindow.tracker.service.ContactFilter;
import com.wawindow.tracker.service.ContactFilter.PageKey;
import com.wawindow.tracker.service.ContactFilter.Segment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;

/** Turns the query string of {@code GET /contacts} into a filter, or a 400 problem that says which value is wrong. */
final class ContactQueryParameters {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private ContactQueryParameters() {
    }

    static ContactFilter parse(String state, String lastMessageAfter, String lastMessageBefore, String optedOut,
            String sort, String limit, String cursor) {
        boolean ascending = ascending(sort);
        return new ContactFilter(segment(state), instant("lastMessageAfter", lastMessageAfter),
                instant("lastMessageBefore", lastMessageBefore), bool("optedOut", optedOut), ascending, pageKey(cursor, ascending),
                limit(limit));
    }

    /** Opaque to clients; carries the sort direction so a cursor cannot be replayed against the other order. */
    static String cursor(boolean ascending, Instant lastMessageAt, String contactId) {
        String raw = (ascending ? "a" : "d") + "|" + lastMessageAt + "|" + contactId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Segment segment(String state) {
        if (isBlank(state)) {
            return null;
        }
        return switch (state.trim().toLowerCase(Locale.ROOT)) {
            case "open" -> Segment.OPEN;
            case "closed" -> Segment.CLOSED;
            case "expiring-soon" -> Segment.EXPIRING_SOON;
            default -> throw invalid("state must be open, closed or expiring-soon, not '" + state + "'");
        };
    }

    private static boolean ascending(String sort) {
        if (isBlank(sort)) {
            return false;
        }
        return switch (sort.trim()) {
            case "lastMessageAt,asc", "lastMessageAt" -> true;
            case "lastMessageAt,desc" -> false;
            default -> throw invalid("sort must be lastMessageAt,asc or lastMessageAt,desc, not '" + sort + "'");
        };
    }

    private static Instant instant(String name, String value) {
        if (isBlank(value)) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an ISO-8601 instant such as 2026-01-31T09:00:00Z, not '" + value + "'");
        }
    }

    private static Boolean bool(String name, String value) {
        if (isBlank(value)) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw invalid(name + " must be true or false, not '" + value + "'");
        };
    }

    private static int limit(String value) {
        if (isBlank(value)) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.trim());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + value + "'");
    }

    private static PageKey pageKey(String cursor, boolean ascending) {
        if (isBlank(cursor)) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8).split("\\|", 3);
            if (parts.length == 3 && parts[0].equals(ascending ? "a" : "d") && !parts[2].isEmpty()) {
                return new PageKey(Instant.parse(parts[1]), parts[2]);
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // answered below
        }
        throw invalid("cursor is not one this endpoint returned for the same sort order");
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problem.invalidParameter(detail));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
