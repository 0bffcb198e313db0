package com.wawindow.tracker.repository;

import java.time.Instant;

/**
 * What one or more inbound messages of a contact contribute to its row, folded so that one upsert applies them as the
 * one-message-at-a-time upsert would have (see {@code InboundFold}): the fields of the newest message, the count, the
 * earliest and latest instants.
 *
 * @param optedOut         the consent of the newest message that spoke of consent, null when none did
 * @param consentChangedAt when that message was received, null when none spoke of consent
 * @param expiringSoonDue  null when window-expiring-soon is disabled
 */
public record ContactDelta(
        String contactId,
        String messageSid,
        String contactAddress,
        String businessAddress,
        String profileName,
        Instant firstSeenAt,
        Instant lastMessageAt,
        long inboundCount,
        Instant windowExpiresAt,
        Instant entryPointExpiresAt,
        Boolean optedOut,
        Instant consentChangedAt,
        Instant expiringSoonDue) {
}
