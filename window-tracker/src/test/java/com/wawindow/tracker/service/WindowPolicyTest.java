package com.wawindow.tracker.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.ConsentChange;
import com.wawindow.events.EventIds;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.WindowExpiringSoon;
import com.wawindow.tracker.config.TrackerConfig;
import com.wawindow.tracker.entity.Contact;
import com.wawindow.tracker.repository.DueWindow;
import com.wawindow.tracker.repository.InboundObservation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The window rules at fixed instants, with the production lengths: 24 h windows, 1 h lead, 72 h entry point. */
class WindowPolicyTest {

    static final Instant T = Instant.parse("2026-03-02T10:00:00Z");
    private final WindowPolicy policy = new WindowPolicy(config(Duration.ofHours(24), Duration.ofHours(1)));

    @Test
    void aMessageOpensA24HourWindowWithItsNoticeDueAnHourBeforeTheClose() {
        InboundObservation o = policy.observe(message(T, ConsentChange.NONE, false));
        assertEquals(T.plus(Duration.ofHours(24)), o.windowExpiresAt());
        assertEquals(T.plus(Duration.ofHours(23)), o.expiringSoonDue());
        assertNull(o.entryPointExpiresAt(), "no referral, no entry point window");
        assertNull(o.optedOut(), "says nothing about consent");
        assertEquals("Budi", o.profileName());
    }

    @Test
    void aReferralOpensThe72HourEntryPointWindowAndKeywordsSetConsent() {
        assertEquals(T.plus(Duration.ofHours(72)), policy.observe(message(T, ConsentChange.NONE, true)).entryPointExpiresAt());
        assertEquals(Boolean.TRUE, policy.observe(message(T, ConsentChange.OPT_OUT, false)).optedOut());
        assertEquals(Boolean.FALSE, policy.observe(message(T, ConsentChange.OPT_IN, false)).optedOut());
    }

    @Test
    void aZeroLeadDisablesTheNotice() {
        WindowPolicy noNotice = new WindowPolicy(config(Duration.ofHours(24), Duration.ZERO));
        assertNull(noNotice.observe(message(T, ConsentChange.NONE, false)).expiringSoonDue());
        assertFalse(noNotice.stateAt(contact(T.plusSeconds(60), null), T).expiringSoon());
        assertEquals(T, noNotice.expiringSoonLimit(T));
    }

    @Test
    void theStateAtAnInstant() {
        Instant closes = T.plus(Duration.ofHours(24));
        Contact c = contact(closes, T.plus(Duration.ofHours(72)));

        WindowState fresh = policy.stateAt(c, T);
        assertEquals(WindowState.State.OPEN, fresh.state());
        assertEquals(24 * 3600, fresh.secondsRemaining());
        assertFalse(fresh.expiringSoon());
        assertTrue(fresh.entryPointOpen());

        WindowState justBeforeTheLead = policy.stateAt(c, closes.minus(Duration.ofHours(1)).minusMillis(1));
        assertFalse(justBeforeTheLead.expiringSoon());
        WindowState atTheLead = policy.stateAt(c, closes.minus(Duration.ofHours(1)));
        assertTrue(atTheLead.expiringSoon());
        assertEquals(3600, atTheLead.secondsRemaining());

        WindowState lastMillisecond = policy.stateAt(c, closes.minusMillis(1));
        assertEquals(WindowState.State.OPEN, lastMillisecond.state());
        assertEquals(0, lastMillisecond.secondsRemaining(), "whole seconds, rounded down");

        WindowState atTheClose = policy.stateAt(c, closes);
        assertEquals(WindowState.State.CLOSED, atTheClose.state(), "closed at its deadline, not a millisecond later");
        assertEquals(0, atTheClose.secondsRemaining());
        assertFalse(atTheClose.expiringSoon());
        assertFalse(policy.stateAt(c, T.plus(Duration.ofHours(72))).entryPointOpen());
    }

    @Test
    void theExpiredEventSaysWhetherTheEntryPointWindowIsStillOpenAtTheClose() {
        DueWindow due = due(T.plus(Duration.ofHours(24)), T.plus(Duration.ofHours(72)));
        WindowExpired event = policy.expiredEvent(due, T.plus(Duration.ofHours(24)));
        assertEquals(EventIds.windowExpired("+6281234567890", "SM1"), event.eventId());
        assertEquals(T.plus(Duration.ofHours(24)), event.expiredAt());
        assertTrue(event.entryPointWindowOpen());
        assertFalse(policy.expiredEvent(due, T.plus(Duration.ofHours(72))).entryPointWindowOpen());
    }

    @Test
    void aNoticeIsOwedOnlyWhileItsWindowIsOpen() {
        Instant closes = T.plus(Duration.ofHours(24));
        DueWindow due = due(closes, null);
        WindowExpiringSoon notice = policy.expiringSoonNotice(due, closes.minus(Duration.ofHours(1))).orElseThrow();
        assertEquals(EventIds.windowExpiringSoon("+6281234567890", "SM1"), notice.eventId());
        assertEquals(closes, notice.expiresAt());
        assertTrue(policy.expiringSoonNotice(due, closes.minusMillis(1)).isPresent());
        assertTrue(policy.expiringSoonNotice(due, closes).isEmpty(), "came due during downtime, window closed since");
    }

    static TrackerConfig config(Duration window, Duration lead) {
        return new TrackerConfig() {
            @Override
            public Duration windowDuration() {
                return window;
            }

            @Override
            public Duration entryPointWindowDuration() {
                return Duration.ofHours(72);
            }

            @Override
            public Duration windowExpiringSoonLead() {
                return lead;
            }

            @Override
            public Duration processedMessageRetention() {
                return Duration.ofDays(7);
            }

            @Override
            public Expiry expiry() {
                throw new UnsupportedOperationException("not a rule");
            }

            @Override
            public Inbound inbound() {
                throw new UnsupportedOperationException("not a rule");
            }

            @Override
            public History history() {
                throw new UnsupportedOperationException("not a rule");
            }

            @Override
            public Duration contactGaugeInterval() {
                throw new UnsupportedOperationException("not a rule");
            }
        };
    }

    private static InboundMessageReceived message(Instant receivedAt, ConsentChange consent, boolean referral) {
        var ad = referral ? new InboundMessageReceived.Referral("ARAkxyz", "1203", "ad", "https://fb.me/ad", "Promo", null,
                null, null, null, null, null) : null;
        return new InboundMessageReceived(EventIds.inboundMessage("SM1"), InboundMessageReceived.CURRENT_VERSION,
                receivedAt, "+6281234567890", "SM1", "AC00000000000000000000000000000000", null,
                "whatsapp:+6281234567890", "whatsapp:+14155238886", "hello", "Budi", "6281234567890", null, "text",
                0, List.of(), null, null, null, null, ad, consent, Map.of());
    }

    private static Contact contact(Instant windowExpiresAt, Instant entryPointExpiresAt) {
        Contact c = new Contact();
        c.contactId = "+6281234567890";
        c.windowExpiresAt = windowExpiresAt;
        c.entryPointExpiresAt = entryPointExpiresAt;
        return c;
    }

    private static DueWindow due(Instant windowExpiresAt, Instant entryPointExpiresAt) {
        return new DueWindow("+6281234567890", "whatsapp:+6281234567890", "whatsapp:+14155238886", "Budi",
                windowExpiresAt.minus(Duration.ofHours(24)), windowExpiresAt, "SM1", false, entryPointExpiresAt,
                windowExpiresAt);
    }
}
