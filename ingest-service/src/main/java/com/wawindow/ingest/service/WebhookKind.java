package com.wawindow.ingest.service;

/** The webhooks Twilio calls: messages and status callbacks (forms), Event Streams (JSON). */
public enum WebhookKind {
    INBOUND_MESSAGE("whatsapp"),
    MESSAGE_STATUS("status"),
    /** Event Streams' webhook sink: template approval updates. */
    EVENT_STREAMS("events");

    private final String tag;

    WebhookKind(String tag) {
        this.tag = tag;
    }

    /** Metric tag, the last segment of the endpoint's path. */
    public String tag() {
        return tag;
    }
}
