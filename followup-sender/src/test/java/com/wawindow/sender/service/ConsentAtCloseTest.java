package com.wawindow.sender.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.EventIds;
import com.wawindow.events.WindowExpired;
import com.wawindow.sender.entity.ContactConsent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which consent a window's follow-up goes by: the tracker's at the close, or this sender's row (FollowupStore). */
class ConsentAtCloseTest {

    private static final Instant CLOSED = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void theTrackersOptOutWinsOverARowThatHasNotSeenTheStopYet() {
        assertTrue(FollowupStore.optedOut(closed(true), row(false, CLOSED.minus(Duration.ofDays(3)))));
    }

    @Test
    void aRowOptOutThatTheEventDoesNotKnowStillStopsTheSend() {
        // Twilio's 21610 before the close: the tracker never hears of it
        assertTrue(FollowupStore.optedOut(closed(false), row(true, CLOSED.minusSeconds(60))));
    }

    @Test
    void aChangeAfterTheCloseDecides() {
        assertFalse(FollowupStore.optedOut(closed(true), row(false, CLOSED.plusSeconds(5))), "START after the close");
        assertTrue(FollowupStore.optedOut(closed(false), row(true, CLOSED.plusSeconds(5))), "STOP after the close");
    }

    @Test
    void withoutARowTheEventDecides() {
        assertTrue(FollowupStore.optedOut(closed(true), Optional.empty()));
        assertFalse(FollowupStore.optedOut(closed(false), Optional.empty()));
    }

    private static WindowExpired closed(boolean optedOut) {
        return new WindowExpired(EventIds.windowExpired("+6281200000001", "SM1"), WindowExpired.CURRENT_VERSION,
                "+6281200000001", "whatsapp:+6281200000001", "whatsapp:+14155238886", "Budi",
                CLOSED.minus(Duration.ofHours(24)), CLOSED, "SM1", optedOut, false);
    }

    private static Optional<ContactConsent> row(boolean optedOut, Instant changedAt) {
        ContactConsent consent = new ContactConsent();
        consent.contactId = "+6281200000001";
        consent.optedOut = optedOut;
        consent.changedAt = changedAt;
        return Optional.of(consent);
    }
}
