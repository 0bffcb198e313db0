package com.wawindow.console.service;

import java.time.Duration;
import java.time.Instant;

/** What the dot next to a contact says: open, expiring soon (open, less than the lead left) or closed. */
public enum Indicator {
    OPEN("open"), EXPIRING_SOON("expiring soon"), CLOSED("closed");

    public final String label;

    Indicator(String label) {
        this.label = label;
    }

    public String css() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static Indicator of(String state, Instant expiresAt, Instant now, Duration lead) {
        if (!"OPEN".equals(state) || expiresAt == null || !expiresAt.isAfter(now)) {
            return CLOSED;
        }
        return Duration.between(now, expiresAt).compareTo(lead) <= 0 ? EXPIRING_SOON : OPEN;
    }
}
