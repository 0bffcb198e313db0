package com.wawindow.tracker.service;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.tracker.config.TrackerConfig;
import com.wawindow.tracker.entity.Contact;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/** The WhatsApp rules: how long windows last, when a notice is due, what a contact's state is at an instant. */
@ApplicationScoped
public class WindowPolicy {

    private final TrackerConfig config;

    public WindowPolicy(TrackerConfig config) {
        this.config = config;
    }

    public InboundObservation observe(InboundMessageReceived message) {
        Instant receivedAt = message.receivedAt();
        Instant expiresAt = receivedAt.plus(config.windowDuration());
        Instant entryPointExpiresAt = message.hasReferral() ? receivedAt.plus(config.entryPointWindowDuration()) : null;
        // null: the message says nothing about consent and leaves the stored state alone
        Boolean optedOut = switch (message.consent()) {
            case OPT_OUT -> Boolean.TRUE;
            case OPT_IN -> Boolean.FALSE;
            case NONE -> null;
        };
        Instant expiringSoonDue = config.expiringSoonEnabled() ? expiresAt.minus(config.windowExpiringSoonLead()) : null;
        return new InboundObservation(message.contactId(), message.messageSid(), message.from(), message.to(),
                blankToNull(message.profileName()), receivedAt, expiresAt, entryPointExpiresAt, optedOut, expiringSoonDue);
    }

    public WindowState stateAt(Contact contact, Instant now) {
        boolean open = contact.windowExpiresAt.isAfter(now);
        long secondsRemaining = open ? Duration.between(now, contact.windowExpiresAt).toSeconds() : 0;
        boolean expiringSoon = open && config.expiringSoonEnabled()
                && !contact.windowExpiresAt.minus(config.windowExpiringSoonLead()).isAfter(now);
        boolean entryPointOpen = contact.entryPointExpiresAt != null && contact.entryPointExpiresAt.isAfter(now);
        return new WindowState(open ? WindowState.State.OPEN : WindowState.State.CLOSED, secondsRemaining, expiringSoon,
                entryPointOpen);
    }

    public Duration expiringSoonLead() {
        return config.expiringSoonEnabled() ? config.windowExpiringSoonLead() : Duration.ZERO;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
