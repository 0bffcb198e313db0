package com.wawindow.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A WhatsApp message a contact sent to the business, as Twilio delivered it to ingest-service.
 * Topic {@link Topics#INBOUND_MESSAGES}, key {@link #contactId()}.
 *
 * @param eventId     {@link EventIds#inboundMessage(String)} of the MessageSid: a redelivered webhook has the same id
 * @param receivedAt  ingest's clock when the webhook arrived (Twilio sends no timestamp)
 * @param contactId   {@link ContactIds#fromTwilio(String, String, String)}
 * @param from        Twilio's {@code From}, e.g. {@code whatsapp:+6281234567890}: where replies go
 * @param to          Twilio's {@code To}: the business number the contact wrote to
 * @param consent     opt-out / opt-in keyword recognised in the body
 * @param referral    click-to-WhatsApp ad referral; non-null opens the 72-hour entry point window
 * @param otherParameters every form parameter this record has no field for, kept as sent
 */
public record InboundMessageReceived(
        UUID eventId,
        int version,
        Instant receivedAt,
        String contactId,
        String messageSid,
        String accountSid,
        String messagingServiceSid,
        String from,
        String to,
        String body,
        String profileName,
        String waId,
        String externalUserId,
        String messageType,
        int numMedia,
        List<Media> media,
        String buttonText,
        String buttonPayload,
        String originalRepliedMessageSid,
        Location location,
        Referral referral,
        ConsentChange consent,
        Map<String, String> otherParameters) implements ContactEvent {

    public static final int CURRENT_VERSION = 1;

    public InboundMessageReceived {
        media = media == null ? List.of() : List.copyOf(media);
        otherParameters = otherParameters == null ? Map.of() : Map.copyOf(otherParameters);
        consent = consent == null ? ConsentChange.NONE : consent;
    }

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return receivedAt;
    }

    @JsonIgnore
    public boolean hasReferral() {
        return referral != null;
    }

    public record Media(String url, String contentType) {
    }

    public record Location(String latitude, String longitude, String address, String label) {
    }

    /** Click-to-WhatsApp ad fields ({@code Referral*} parameters). */
    public record Referral(
            String ctwaClid,
            String sourceId,
            String sourceType,
            String sourceUrl,
            String headline,
            String body,
            String mediaType,
            String mediaUrl,
            String imageUrl,
            String videoUrl,
            String thumbnailUrl) {
    }
}
