package com.wawindow.tracker.messaging;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.events.serde.EventDeserializer.InboundMessageReceivedDeserializer;
import com.wawindow.support.database.DatabaseAvailability;
import com.wawindow.support.failure.Causes;
import com.wawindow.tracker.config.TrackerConfig;
import com.wawindow.tracker.service.InboundApplier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Reads inbound messages in batches: one database transaction per batch, and the offsets are committed only
 * once the method returned (the connector acknowledges the batch after it). Records that can never be applied
 * (undecodable, incomplete) go to {@link Topics#INBOUND_MESSAGES_DLQ} with the reason, so one bad record never
 * stalls the partition.
 *
 * <p>A database outage is a wait, not a failure: while PostgreSQL does not answer, the same batch is tried again
 * with a growing pause and nothing returns, so no offset moves past an unapplied record and no record goes to the
 * dead-letter topic for it. Meanwhile the connector's polling thread keeps polling with its partitions paused
 * ({@code pause-if-no-requests}), so the consumer stays in its group.
 */
@ApplicationScoped
public class InboundMessageConsumer {

    private static final int DEAD_LETTER_TIMEOUT_SECONDS = 30;

    private final InboundMessageReceivedDeserializer deserializer = new InboundMessageReceivedDeserializer();
    private final InboundApplier applier;
    private final InboundProgress progress;
    private final DatabaseAvailability database;
    private final TrackerConfig.Inbound config;
    private final Emitter<byte[]> deadLetters;
    private final Counter deadLettered;
    private volatile boolean stopping;

    public InboundMessageConsumer(InboundApplier applier, DatabaseAvailability database, TrackerConfig config,
            InboundProgress progress, @Channel(Channels.INBOUND_DEAD_LETTERS) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            Emitter<byte[]> deadLetters, MeterRegistry registry) {
        // registered at start, so a dashboard sees 0 rather than no series before the first dead letter
        this.deadLettered = Counter.builder("tracker.dead.letters")
                .description("records written to a dead-letter topic (undecodable, invalid, or failing while the database answers)")
                .tag("topic", Topics.INBOUND_MESSAGES_DLQ)
                .register(registry);
        this.applier = applier;
        this.database = database;
        this.progress = progress;
        this.config = config.inbound();
        this.deadLetters = deadLetters;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    @Incoming(Channels.INBOUND_MESSAGES)
    @Blocking
    public void consume(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        List<InboundMessageReceived> messages = new ArrayList<>(records.count());
        List<ConsumerRecord<String, byte[]>> accepted = new ArrayList<>(records.count());
        List<ConsumerRecord<String, byte[]>> rejected = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String reason;
            try {
                InboundMessageReceived message = deserializer.deserialize(record.topic(), record.value());
                reason = problemWith(message);
                if (reason == null) {
                    messages.add(message);
                    accepted.add(record);
                    continue;
                }
            } catch (SerializationException e) {
                reason = e.getMessage();
            }
            rejected.add(record);
            reasons.add(reason);
        }
        RuntimeException batchFailure = applyWaitingForTheDatabase(messages, config.attemptsWhileDatabaseUp());
        if (batchFailure != null) {
            // the database answers, yet the batch fails: find the records that cannot be applied
            Log.warnf("a batch of %d inbound messages fails while PostgreSQL answers (%s): applying them one by one",
                    messages.size(), describe(batchFailure));
            for (int i = 0; i < messages.size(); i++) {
                RuntimeException failure = applyWaitingForTheDatabase(List.of(messages.get(i)), 1);
                if (failure != null) {
                    rejected.add(accepted.get(i));
                    reasons.add("not applicable: " + describe(failure));
                }
            }
        }
        sendToDeadLetterTopicWaitingForTheBroker(rejected, reasons);
        progress.handled(records);
    }

    /**
     * Applies the batch, waiting as long as the database is away; a failure while it answers is tried {@code attempts}
     * times.
     *
     * @return null once applied, else the last failure seen while the database answered
     */
    private RuntimeException applyWaitingForTheDatabase(List<InboundMessageReceived> messages, int attempts)
            throws InterruptedException {
        long pause = config.retryInitialDelay().toMillis();
        int failuresWhileUp = 0;
        while (true) {
            checkNotStopping();
            if (database.isAvailable()) {
                try {
                    applier.apply(messages);
                    return null;
                } catch (RuntimeException | AssertionError e) {
                    // AssertionError: the PostgreSQL driver asserts on a dead connection where assertions are on (tests)
                    if (!database.isOutage(e) && ++failuresWhileUp >= attempts) {
                        return e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                    }
                }
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, config.retryMaxDelay().toMillis());
        }
    }

    private void sendToDeadLetterTopicWaitingForTheBroker(List<ConsumerRecord<String, byte[]>> rejected, List<String> reasons)
            throws InterruptedException {
        long pause = config.retryInitialDelay().toMillis();
        boolean warned = false;
        while (true) {
            checkNotStopping();
            try {
                sendToDeadLetterTopic(rejected, reasons);
                deadLettered.increment(rejected.size());
                return;
            } catch (Exception e) {
                if (e instanceof InterruptedException interrupted) {
                    throw interrupted;
                }
                if (!warned) {
                    Log.warnf("%s does not take dead letters (%s): the batch waits, its offsets are not committed",
                            Topics.INBOUND_MESSAGES_DLQ, e.toString());
                    warned = true;
                }
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, config.retryMaxDelay().toMillis());
        }
    }

    private void checkNotStopping() {
        if (stopping) {
            throw new IllegalStateException("shutting down: the batch is left to the next consumer, offsets not committed");
        }
    }

    /**
     * The failure's kind and SQLState, never its message: the driver's messages quote the statement's values (phone
     * numbers, profile names), which belong neither in a log line nor in a dead letter's header.
     */
    static String describe(Throwable failure) {
        return Causes.find(failure, SQLException.class)
                .map(sql -> failure.getClass().getSimpleName() + ", SQLState " + sql.getSQLState())
                .orElse(failure.getClass().getSimpleName());
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
