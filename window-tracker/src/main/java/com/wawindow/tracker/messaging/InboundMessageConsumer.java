package com.wawindow.tracker.messaging;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.events.serde.EventDeserializer.InboundMessageReceivedDeserializer;
import com.wawindow.tracker.service.InboundApplier;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Reads inbound messages in batches: one database transaction per batch, and the offsets are committed only
 * once the method returned (the connector acknowledges the batch after it). Records that cannot be applied go to
 * {@link Topics#INBOUND_MESSAGES_DLQ} with the reason, so one bad record never stalls the partition.
 */
@ApplicationScoped
public class InboundMessageConsumer {

    private static final int DEAD_LETTER_TIMEOUT_SECONDS = 30;

    private final InboundMessageReceivedDeserializer deserializer = new InboundMessageReceivedDeserializer();
    private final InboundApplier applier;
    private final Emitter<byte[]> deadLetters;

    public InboundMessageConsumer(InboundApplier applier,
            @Channel(Channels.INBOUND_DEAD_LETTERS) @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) Emitter<byte[]> deadLetters) {
        this.applier = applier;
        this.deadLetters = deadLetters;
    }

    /**
     * Retried while the database or the dead-letter topic is unavailable (applying again is harmless: the
     * processed-message table skips what the first attempt committed). After that the channel fails and
     * readiness says so, rather than committing offsets of records never applied.
     */
    @Incoming(Channels.INBOUND_MESSAGES)
    @Blocking
    @Retry(maxRetries = -1, delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 200,
            maxDuration = 10, durationUnit = ChronoUnit.MINUTES)
    public void consume(ConsumerRecords<String, byte[]> records) throws Exception {
        List<InboundMessageReceived> messages = new ArrayList<>(records.count());
        List<ConsumerRecord<String, byte[]>> rejected = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String reason;
            try {
                InboundMessageReceived message = deserializer.deserialize(record.topic(), record.value());
                reason = problemWith(message);
                if (reason == null) {
                    messages.add(message);
                    continue;
                }
            } catch (SerializationException e) {
                reason = e.getMessage();
            }
            rejected.add(record);
            reasons.add(reason);
        }
        applier.apply(messages);
        sendToDeadLetterTopic(rejected, reasons);
    }

    private static String problemWith(InboundMessageReceived message) {
        if (message == null) {
            return "empty record";
        }
        if (isBlank(message.contactId())) {
            return "no contactId";
        }
        if (isBlank(message.messageSid())) {
            return "no messageSid";
        }
        if (message.receivedAt() == null) {
            return "no receivedAt";
        }
        if (isBlank(message.from())) {
            return "no from address";
        }
        return null;
    }

    private void sendToDeadLetterTopic(List<ConsumerRecord<String, byte[]>> rejected, List<String> reasons) throws Exception {
        if (rejected.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> sends = new ArrayList<>(rejected.size());
        for (int i = 0; i < rejected.size(); i++) {
            ConsumerRecord<String, byte[]> record = rejected.get(i);
            String reason = reasons.get(i);
            Log.warnf("inbound record %s-%d@%d goes to %s: %s", record.topic(), record.partition(), record.offset(),
                    Topics.INBOUND_MESSAGES_DLQ, reason);
            byte[] value = record.value() == null ? new byte[0] : record.value();
            sends.add(AcknowledgedSend.send(deadLetters, record.key(), value, List.of(
                    header("dead-letter-reason", reason),
                    header("dead-letter-topic", record.topic()),
                    header("dead-letter-partition", Integer.toString(record.partition())),
                    header("dead-letter-offset", Long.toString(record.offset())))));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(DEAD_LETTER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
