package com.wawindow.sender.entity;

/**
 * Exactly what goes to Twilio's Create Message, as the dispatch row keeps it: either a template
 * ({@code contentSid} + {@code contentVariables})
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
