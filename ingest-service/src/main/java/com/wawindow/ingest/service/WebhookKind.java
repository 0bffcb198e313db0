package com.wawindow.ingest.service;

/** The two webhooks Twilio calls. */
public enum WebhookKind {
    INBOUND_MESSAGE("whatsapp"),
    MESSAGE_STATUS("status");

    private final String tag;

    WebhookKind(String tag) {
        this.tag = tag;
    }

    /** Metric tag, the last segment of the endpoint's path. */
    public String tag() {
        return tag;
    }
}
