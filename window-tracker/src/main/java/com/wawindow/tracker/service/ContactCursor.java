package com.wawindow.tracker.service;

import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import com.wawindow.tracker.repository.ContactFilter.PageKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** The opaque {@code nextCursor}: carries the sort direction so a cursor cannot be replayed against the other order. */
final class ContactCursor {

    private static final String BY_CONTACT_ID = "c";

    private ContactCursor() {
    }

    static String encode(boolean ascending, Instant lastMessageAt, String contactId) {
        String raw = direction(ascending) + "|" + lastMessageAt + "|" + contactId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static String encodeByContactId(String contactId) {
        String raw = BY_CONTACT_ID + "||" + contactId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @return null for no cursor; a 400 problem (that does not repeat the cursor) for one this API never returned */
    static PageKey decodeByContactId(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8).split("\\|", 3);
            if (parts.length == 3 && parts[0].equals(BY_CONTACT_ID) && !parts[2].isEmpty()) {
                return new PageKey(null, parts[2]);
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw refused();
    }

    /** @return null for no cursor; a 400 problem (that does not repeat the cursor) for one this API never returned */
    static PageKey decode(String cursor, boolean ascending) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor.trim()), StandardCharsets.UTF_8).split("\\|", 3);
            if (parts.length == 3 && parts[0].equals(direction(ascending)) && !parts[2].isEmpty()) {
                return new PageKey(Instant.parse(parts[1]), parts[2]);
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // answered below
        }
        throw refused();
    }

    private static ProblemException refused() {
        return new ProblemException(ProblemType.INVALID_REQUEST,
                "cursor: not one this endpoint returned for the same sort order");
    }

    private static String direction(boolean ascending) {
        return ascending ? "a" : "d";
    }
}
