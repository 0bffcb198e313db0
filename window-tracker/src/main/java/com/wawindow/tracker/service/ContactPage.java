package com.wawindow.tracker.service;

import com.wawindow.tracker.entity.Contact;
import java.time.Instant;
import java.util.List;

/** One page of a segment; {@code nextCursor} is null on the last page. */
public record ContactPage(List<Item> items, String nextCursor) {

    public record Item(String contactId, String contactAddress, String profileName, WindowState.State state,
            Instant lastMessageAt, Instant expiresAt, boolean expiringSoon, boolean optedOut, Instant entryPointExpiresAt) {

        static Item of(Contact c, WindowState s) {
            return new Item(c.contactId, c.contactAddress, c.profileName, s.state(), c.lastMessageAt, c.windowExpiresAt,
                    s.expiringSoon(), c.optedOut, c.entryPointExpiresAt);
        }
    }
}
