package com.wawindow.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Meta changed a WhatsApp template's approval status (approved, paused, disabled, rejected, ...) or its category
 * (utility, marketing, authentication), as Twilio's Event Streams reports it with the event type
 * {@code com.twilio.messaging.template.approval.updated}. Topic {@link Topics#TEMPLATE_CHANGES}, key
 * {@link #templateSid()}, so one template's changes stay in order.
 *
 * @param eventId       from the CloudEvent's id ({@link EventIds#templateChange}): a redelivery has the same one
 * @param cloudEventId  the CloudEvent's {@code id} as Twilio sent it
 * @param changedAt     the event's {@code data.dateUpdated}, else its {@code time}, else when it was received
 * @param change        which attribute moved ({@code data.type}: status_update or category_update)
 * @param previousValue as Twilio spells it, e.g. {@code approved}, {@code utility}; null when absent
 * @param currentValue  as Twilio spells it, e.g. {@code paused}, {@code marketing}
 */
public record TemplateApprovalChanged(
        UUID eventId,
        int version,
        Instant receivedAt,
        Instant changedAt,
        String cloudEventId,
        String accountSid,
        String templateSid,
        String friendlyName,
        String language,
        Change change,
        String previousValue,
        String currentValue) {

    public static final int CURRENT_VERSION = 1;

    /** The event's {@code data.type}. */
    public enum Change {
        /** {@code status_update}. */
        STATUS,
        /** {@code category_update}. */
        CATEGORY
    }
}
