package com.wawindow.sender.service;

import com.wawindow.sender.entity.OutboundMessage;
import com.wawindow.sender.config.TwilioConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fills in the sender's side of every message: From ({@code TWILIO_WHATSAPP_FROM}, else the Messaging Service,
 * else the business number the contact wrote to) and the StatusCallback.
 */
@ApplicationScoped
public class MessageFactory {

    private final TwilioConfig twilio;

    public MessageFactory(TwilioConfig twilio) {
        this.twilio = twilio;
    }

    public OutboundMessage template(String to, String businessAddress, String contentSid, String contentVariables) {
        return new OutboundMessage(to, from(businessAddress), serviceSid(), contentSid, contentVariables, null, callback());
    }

    public OutboundMessage freeForm(String to, String businessAddress, String body) {
        return new OutboundMessage(to, from(businessAddress), serviceSid(), null, null, body, callback());
    }

    private String from(String businessAddress) {
        String configured = nonBlank(twilio.whatsappFrom().orElse(null));
        if (configured != null || serviceSid() != null) {
            return configured;
        }
        return nonBlank(businessAddress);
    }

    private String serviceSid() {
        return nonBlank(twilio.messagingServiceSid().orElse(null));
    }

    private String callback() {
        return nonBlank(twilio.statusCallbackUrl().orElse(null));
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
