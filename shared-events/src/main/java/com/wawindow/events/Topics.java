package com.wawindow.events;

import java.util.List;

/**
 * Kafka topic names shared by the services, their tests and the teams that consume them.
 * Every contact's record is keyed by contact id, so one contact's events stay in order on one partition; a template's
 * by its Content SID.
 */
public final class Topics {

    /** {@link InboundMessageReceived}, published by ingest-service once the broker acknowledged it. */
    public static final String INBOUND_MESSAGES = "inbound-messages";
    /** Inbound records a consumer (window-tracker, followup-sender) could not apply, with the reason in the headers. */
    public static final String INBOUND_MESSAGES_DLQ = "inbound-messages.dlq";
    /** {@link MessageStatusChanged}, from Twilio's status callbacks. */
    public static final String MESSAGE_STATUS = "message-status";
    /** Status records followup-sender could not decode or apply, with the reason in the record headers. */
    public static final String MESSAGE_STATUS_DLQ = "message-status.dlq";
    /** {@link WindowExpired}, once per closed customer service window. */
    public static final String WINDOW_EXPIRED = "window-expired";
    /** Window-expired records followup-sender gave up on after its last retry. */
    public static final String WINDOW_EXPIRED_DLQ = "window-expired.dlq";
    /** {@link WindowExpiringSoon}, once per window, a configurable lead before it closes. */
    public static final String WINDOW_EXPIRING_SOON = "window-expiring-soon";
    /** Window-expiring-soon records followup-sender could not decode or act on (its in-window nudges). */
    public static final String WINDOW_EXPIRING_SOON_DLQ = "window-expiring-soon.dlq";

    /** {@link TemplateApprovalChanged}: Meta changed a template's approval status or category (Twilio Event Streams). */
    public static final String TEMPLATE_CHANGES = "template-changes";
    /** Template changes followup-sender could not decode or apply, with the reason in the record headers. */
    public static final String TEMPLATE_CHANGES_DLQ = "template-changes.dlq";

    /** Every topic above, for provisioning: the one list that the provisioner, compose and the tests use. */
    public static final List<String> ALL = List.of(INBOUND_MESSAGES, INBOUND_MESSAGES_DLQ, MESSAGE_STATUS,
            MESSAGE_STATUS_DLQ, WINDOW_EXPIRED, WINDOW_EXPIRED_DLQ, WINDOW_EXPIRING_SOON, WINDOW_EXPIRING_SOON_DLQ, TEMPLATE_CHANGES,
            TEMPLATE_CHANGES_DLQ);

    private Topics() {
    }

    /** {@link #ALL}. */
    public static List<String> all() {
        return ALL;
    }

    /** The dead-letter topic of {@code topic}: {@code <topic>.dlq}. */
    public static String deadLetterOf(String topic) {
        return topic + ".dlq";
    }
}
