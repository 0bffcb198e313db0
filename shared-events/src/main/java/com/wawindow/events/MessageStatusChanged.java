package com.wawindow.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A Twilio status callback for a message the business sent. Topic {@link Topics#MESSAGE_STATUS}, key
 * {@link #contactId()} (the recipient).
 *
 * @param status    Twilio's {@code MessageStatus}: queued, sending, sent, delivered, read, failed, undelivered, ...
 * @param errorCode Twilio's {@code ErrorCode}, null when none
 */
public record MessageStatusChanged(
        UUID eventId,
        int version,
        Instant receivedAt,
        String contactId,
        String messageSid,
        String accountSid,
        String messagingServiceSid,
        String status,
        String errorCode,
        String errorMessage,
        String from,
        String to,
        String channelPrefix,
        String channelInstallSid,
        String channelStatusMessage,
        Map<String, String> otherParameters) implements ContactEvent {

    public static final int CURRENT_VERSION = 1;

    public MessageStatusChanged {
        otherParameters = otherParameters == null ? Map.of() : Map.copyOf(otherParameters);
    }

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return receivedAt;
    }
}
