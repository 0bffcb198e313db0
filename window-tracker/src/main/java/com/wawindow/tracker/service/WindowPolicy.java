package com.wawindow.tracker.service;

import com.wawindow.events.EventIds;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.WindowExpiringSoon;
import com.wawindow.tracker.config.TrackerConfig;
import com.wawindow.tracker.entity.Contact;
import com.wawindow.tracker.repository.DueWindow;
import com.wawindow.tracker.repository.InboundObservation;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The WhatsApp rules: how long windows last, when a notice is due, what a contact's state is at an instant and what
 * the events owed at an instant say. Every rule takes the instant it decides at (its callers read their injected
 * {@code Clock}), so the rules are tested at fixed instants.
 */
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
        boolean expiringSoon = open && !contact.windowExpiresAt.isAfter(expiringSoonLimit(now));
        boolean entryPointOpen = contact.entryPointExpiresAt != null && contact.entryPointExpiresAt.isAfter(now);
        return new WindowState(open ? WindowState.State.OPEN : WindowState.State.CLOSED, secondsRemaining,
                expiringSoon && config.expiringSoonEnabled(), entryPointOpen);
    }

    /** Windows open at {@code now} and closing at or before this instant are expiring soon. */
    public Instant expiringSoonLimit(Instant now) {
        return config.expiringSoonEnabled() ? now.plus(config.windowExpiringSoonLead()) : now;
    }

    public WindowExpired expiredEvent(DueWindow window, Instant now) {
        return new WindowExpired(EventIds.windowExpired(window.contactId(), window.openingMessageSid()),
                WindowExpired.CURRENT_VERSION, window.contactId(), window.contactAddress(), window.businessAddress(),
                window.profileName(), window.lastMessageAt(), window.windowExpiresAt(), window.openingMessageSid(),
                window.optedOut(), window.entryPointExpiresAt() != null && window.entryPointExpiresAt().isAfter(now),
                window.entryPointExpiresAt());
    }

    /**
     * The notice owed at {@code now}, or empty when its window has closed since it came due (a notice that came due
     * while the tracker was down): the window-expired event tells the rest.
     */
    public Optional<WindowExpiringSoon> expiringSoonNotice(DueWindow window, Instant now) {
        if (!window.windowExpiresAt().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new WindowExpiringSoon(EventIds.windowExpiringSoon(window.contactId(), window.openingMessageSid()),
                WindowExpiringSoon.CURRENT_VERSION, window.contactId(), window.contactAddress(), window.businessAddress(),
                window.profileName(), window.lastMessageAt(), window.windowExpiresAt(), now, window.openingMessageSid(),
                window.optedOut()));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
