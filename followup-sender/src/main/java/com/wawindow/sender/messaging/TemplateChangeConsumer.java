package com.wawindow.sender.messaging;

import com.wawindow.events.TemplateApprovalChanged;
import com.wawindow.events.Topics;
import com.wawindow.events.serde.EventDeserializer.TemplateApprovalChangedDeserializer;
import com.wawindow.sender.service.TemplateChanges;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@link Topics#TEMPLATE_CHANGES}: Meta's template status and category changes, from Event Streams through ingest.
 * Undecodable or incomplete records go to {@link Topics#TEMPLATE_CHANGES_DLQ}; a database outage is waited out
 * ({@link RecordIntake}).
 */
@ApplicationScoped
public class TemplateChangeConsumer {

    /** The channel (its topic, group and DLQ are in application.properties). */
    public static final String CHANNEL = "template-changes";

    private final TemplateApprovalChangedDeserializer deserializer = new TemplateApprovalChangedDeserializer();
    private final TemplateChanges changes;
    private final RecordIntake intake;

    public TemplateChangeConsumer(TemplateChanges changes, RecordIntake intake) {
        this.changes = changes;
        this.intake = intake;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onChange(ConsumerRecord<String, byte[]> record) {
        intake.handle(Topics.TEMPLATE_CHANGES, () -> {
            TemplateApprovalChanged change = RecordIntake.decode(record, deserializer, TemplateChangeConsumer::problemWith);
            intake.applyWaitingForTheDatabase(() -> changes.apply(change));
        });
    }

    static String problemWith(TemplateApprovalChanged change) {
        if (RecordIntake.isBlank(change.templateSid())) {
            return "no templateSid";
        }
        if (RecordIntake.isBlank(change.cloudEventId())) {
            return "no cloudEventId";
        }
        if (change.change() == null) {
            return "no change";
        }
        return RecordIntake.isBlank(change.currentValue()) ? "no currentValue" : null;
    }
}
