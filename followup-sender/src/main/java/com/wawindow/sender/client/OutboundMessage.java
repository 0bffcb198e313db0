package com.wawindow.sender.client;

/**
 * Exactly what goes to Twilio's Create Message: either a template ({@code contentSid} + {@code contentVariables})
 * or a free-form {@code body}; from {@code from} or else the Messaging Service.
 */
public record OutboundMessage(
        String to,
        String from,
        String messagingServiceSid,
        String contentSid,
        String contentVariables,
        String body,
        String statusCallback) {

    public boolean isTemplate() {
        return contentSid != null;
    }
}
