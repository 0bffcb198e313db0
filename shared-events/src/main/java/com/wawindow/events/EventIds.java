package com.wawindow.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Name-based (type 3) UUIDs for events, so a fact that is observed twice (a webhook Twilio retries, a
 * window the expiry scan sees again after a crash) always gets the same event id.
 */
public final class EventIds {

    private EventIds() {
    }

    public static UUID inboundMessage(String messageSid) {
        return of("inbound-message", messageSid);
    }

    public static UUID messageStatus(String messageSid, String status) {
        return of("message-status", messageSid, status);
    }

    /** One id per customer service window: the contact plus the inbound message that opened it. */
    public static UUID windowExpired(String contactId, String openingMessageSid) {
        return of("window-expired", contactId, openingMessageSid);
    }

    public static UUID windowExpiringSoon(String contactId, String openingMessageSid) {
        return of("window-expiring-soon", contactId, openingMessageSid);
    }

    /** One id per Event Streams event: its CloudEvent id, which Twilio keeps across redeliveries. */
    public static UUID templateChange(String cloudEventId) {
        return of("template-change", cloudEventId);
    }

    private static UUID of(String kind, String... parts) {
        StringBuilder name = new StringBuilder(kind);
        for (String part : parts) {
            name.append('\u001f').append(part == null ? "" : part);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
    }
}
