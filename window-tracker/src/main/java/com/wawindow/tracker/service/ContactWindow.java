package com.wawindow.tracker.service;

import com.wawindow.tracker.entity.Contact;
import java.time.Instant;

/** One contact's windows at one instant, as {@code GET /contacts/{contactId}/window} answers them. */
public record ContactWindow(
        String contactId,
        WindowState.State state,
        Instant lastMessageAt,
        Instant expiresAt,
        long secondsRemaining,
        boolean expiringSoon,
        EntryPoint entryPoint,
        boolean optedOut,
        String profileName,
        String contactAddress,
        String businessAddress,
        String lastMessageSid,
        Instant firstSeenAt,
        long inboundCount) {

    static ContactWindow of(Contact c, WindowState s) {
        return new ContactWindow(c.contactId, s.state(), c.lastMessageAt, c.windowExpiresAt, s.secondsRemaining(),
                s.expiringSoon(), new EntryPoint(s.entryPointOpen(), c.entryPointExpiresAt), c.optedOut,
                c.profileName, c.contactAddress, c.businessAddress, c.lastMessageSid, c.firstSeenAt, c.inboundCount);
    }

    /** The free 72-hour window a click-to-WhatsApp ad opens; expiresAt is null when none was ever opened. */
    public record EntryPoint(boolean open, Instant expiresAt) {
    }
}
