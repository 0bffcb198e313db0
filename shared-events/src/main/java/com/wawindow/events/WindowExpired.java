package com.wawindow.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/**
 * A contact's 24-hour customer service window closed: from now on only approved templates reach them.
 * Topic {@link Topics#WINDOW_EXPIRED}, key {@link #contactId()}. Emitted once per window.
 *
 * @param eventId           {@link EventIds#windowExpired(String, String)}: stable across re-emission
 * @param contactAddress    where a follow-up goes ({@code To}), e.g. {@code whatsapp:+6281234567890}
 * @param businessAddress   the business number the contact last wrote to (a natural {@code From})
 * @param lastMessageAt     the inbound message that opened the window
 * @param expiredAt         the deadline: lastMessageAt plus the window duration
 * @param openingMessageSid the MessageSid of that inbound message
 * @param optedOut          the contact's consent state when the window closed
 * @param entryPointWindowOpen whether a 72-hour free entry point window (click-to-WhatsApp) is still open
 * @param entryPointExpiresAt  when that entry point window closes (null when none was opened; absent from older events)
 */
public record WindowExpired(
        UUID eventId,
        int version,
        String contactId,
        String contactAddress,
        String businessAddress,
        String profileName,
        Instant lastMessageAt,
        Instant expiredAt,
        String openingMessageSid,
        boolean optedOut,
        boolean entryPointWindowOpen,
        Instant entryPointExpiresAt) implements ContactEvent {

    public static final int CURRENT_VERSION = 1;

    /** An event without the entry point window's end (a producer that does not know it). */
    public WindowExpired(UUID eventId, int version, String contactId, String contactAddress, String businessAddress,
            String profileName, Instant lastMessageAt, Instant expiredAt, String openingMessageSid, boolean optedOut,
            boolean entryPointWindowOpen) {
        this(eventId, version, contactId, contactAddress, businessAddress, profileName, lastMessageAt, expiredAt,
                openingMessageSid, optedOut, entryPointWindowOpen, null);
    }

    /** Whether the free entry point window is open at {@code at}: its end when known, else the flag as of the close. */
    public boolean entryPointOpenAt(Instant at) {
        return entryPointExpiresAt != null ? entryPointExpiresAt.isAfter(at) : entryPointWindowOpen;
    }

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return expiredAt;
    }
}
