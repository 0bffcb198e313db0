package com.wawindow.tracker.repository;

import java.time.Instant;

/** A contact row claimed by the expiry engine, with what its event needs. */
public record DueWindow(
        String contactId,
        String contactAddress,
        String businessAddress,
        String profileName,
        Instant lastMessageAt,
        Instant windowExpiresAt,
        String openingMessageSid,
        boolean optedOut,
        Instant entryPointExpiresAt,
        Instant dueAt) {
}
