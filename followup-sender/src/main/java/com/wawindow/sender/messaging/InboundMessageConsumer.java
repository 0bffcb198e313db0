package com.wawindow.sender.messaging;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.events.serde.EventDeserializer.InboundMessageReceivedDeserializer;
import com.wawindow.sender.service.InboundService;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@link Topics#INBOUND_MESSAGES}, in this service's own consumer group: consent changes and replies
 * ({@link InboundService}), in partition order, a poll's batch in one transaction. One transaction per record cost the
 * system bench's busiest process 1.5-1.8 ms of CPU per inbound message (a worker hand-off, a commit and three
 * statements each), more than ingest spent to take the webhook. A record that cannot be decoded or applied still goes
 * alone to {@link Topics#INBOUND_MESSAGES_DLQ}: the batch's records are acknowledged or nacked one by one, and the
 * channel's failure strategy writes a nacked one with its reason, as it did when records came one at a time. A
 * database outage is waited out ({@link RecordIntake}); the shutdown leaves the whole batch unacknowledged.
 */
@ApplicationScoped
public class InboundMessageConsumer {

    /** The channel (its topic, group, batch size and DLQ are in application.properties). */
    public static final String CHANNEL = "inbound-messages";

    private final InboundMessageReceivedDeserializer deserializer = new InboundMessageReceivedDeserializer();
    private final InboundService inbound;
    private final RecordIntake intake;

    public InboundMessageConsumer(InboundService inbound, RecordIntake intake) {
        this.inbound = inbound;
        this.intake = intake;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onInbound(KafkaRecordBatch<String, byte[]> batch) {
        List<KafkaRecord<String, byte[]>> decoded = new ArrayList<>();
        List<InboundMessageReceived> messages = new ArrayList<>();
        Map<KafkaRecord<String, byte[]>, RuntimeException> rejected = new LinkedHashMap<>();
        for (KafkaRecord<String, byte[]> record : batch.getRecords()) {
            try {
                messages.add(RecordIntake.decode(record.getTopic(), record.getPayload(), deserializer,
                        InboundMessageConsumer::problemWith));
                decoded.add(record);
            } catch (UnprocessableRecord e) {
                rejected.put(record, e);
            }
        }
        try {
            apply(decoded, messages, rejected);
        } catch (RecordIntake.ShuttingDown e) {
            return batch.nack(e); // the failure strategy leaves every record of it unacknowledged
        }
        List<CompletableFuture<Void>> settled = new ArrayList<>(batch.getRecords().size());
        for (KafkaRecord<String, byte[]> record : batch.getRecords()) {
            RuntimeException failure = rejected.get(record);
            if (failure == null) {
                settled.add(record.ack().toCompletableFuture());
            } else {
                intake.deadLettered(Topics.INBOUND_MESSAGES);
                settled.add(record.nack(failure).toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(settled.toArray(CompletableFuture[]::new));
    }

    /**
     * The decoded messages in one transaction; if that keeps failing while the database answers, one by one, and those
     * that still fail join {@code rejected}.
     */
    private void apply(List<KafkaRecord<String, byte[]>> records, List<InboundMessageReceived> messages,
            Map<KafkaRecord<String, byte[]>, RuntimeException> rejected) {
        if (messages.isEmpty()) {
            return;
        }
        RuntimeException batchFailure = tryApplying(messages);
        if (batchFailure == null) {
            return;
        }
        Log.warnf("a batch of %d inbound messages fails while PostgreSQL answers (%s): applying them one by one",
                messages.size(), batchFailure.getClass().getSimpleName());
        for (int i = 0; i < messages.size(); i++) {
            RuntimeException failure = tryApplying(List.of(messages.get(i)));
            if (failure != null) {
                rejected.put(records.get(i), failure);
            }
        }
    }

    /** null once applied, else the failure that outlasted the tries while the database answered. */
    private RuntimeException tryApplying(List<InboundMessageReceived> messages) {
        try {
            intake.applyWaitingForTheDatabase(() -> inbound.onInbound(messages));
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RecordIntake.ShuttingDown(e);
        } catch (RecordIntake.ShuttingDown e) {
            throw e;
        } catch (RuntimeException e) {
            return e;
        }
    }

    static String problemWith(InboundMessageReceived message) {
        if (RecordIntake.isBlank(message.contactId())) {
            return "no contactId";
        }
        if (RecordIntake.isBlank(message.messageSid())) {
            return "no messageSid";
        }
        return message.receivedAt() == null ? "no receivedAt" : null;
    }
}
