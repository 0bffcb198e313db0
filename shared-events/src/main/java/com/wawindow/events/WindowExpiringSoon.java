package com.wawindow.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/**
 * A contact's customer service window closes in {@code WINDOW_EXPIRING_SOON_LEAD}: the last chance for a
 * free-form message. Topic {@link Topics#WINDOW_EXPIRING_SOON}, key {@link #contactId()}. Once per window.
 */
public record WindowExpiringSoon(
        UUID eventId,
        int version,
        String contactId,
        String contactAddress,
        String businessAddress,
        String profileName,
        Instant lastMessageAt,
        Instant expiresAt,
        Instant noticedAt,
        String openingMessageSid,
        boolean optedOut) implements ContactEvent {

    public static final int CURRENT_VERSION = 1;

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return noticedAt;
    }
}
