package com.wawindow.tracker.repository;

import java.time.Instant;

/**
 * What one inbound message contributes to its contact's row, with the deadlines already computed.
 *
 * @param optedOut        the consent the message expresses, null when it says nothing about consent
 * @param expiringSoonDue null when window-expiring-soon is disabled
 */
public record InboundObservation(
        String contactId,
        String messageSid,
        String contactAddress,
        String businessAddress,
        String profileName,
        Instant receivedAt,
        Instant windowExpiresAt,
        Instant entryPointExpiresAt,
        Boolean optedOut,
        Instant expiringSoonDue) {
}
