package com.wawindow.sender.messaging;

import com.wawindow.events.Topics;
import com.wawindow.sender.config.FollowupConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import com.wawindow.support.database.DatabaseAvailability;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * How every consumer of the sender takes a record: decode it itself (the channels read raw bytes, so an undecodable
 * record reaches the dead-letter topic as it was, instead of closing the channel), check it, then apply it, waiting
 * as long as PostgreSQL is away.
 *
 * <p>A database outage is a wait, not a failure: the record is tried again in place with a growing pause, so it is
 * neither acknowledged (the throttled commit strategy commits no offset past it) nor dead-lettered. The blocked
 * worker takes no other record; the connector pauses the partitions once its queue is full, and keeps polling, so the
 * consumer stays in its group. So is a busy pool (no connection free within the acquisition timeout,
 * {@link DatabaseAvailability#isBusy}): the database answers, but the record's work did not start, and a good record
 * must never reach a DLQ for it. The window-expired workers are bounded to what the pool serves
 * (FOLLOWUP_CONSUMER_CONCURRENCY, checked at start by {@code config.StartupChecks}), so that is the exception, counted
 * as {@code sender_consumer_busy_waits_total}. Only a record that can never be processed ({@link UnprocessableRecord}), or one that
 * keeps failing while the database answers, is thrown to the connector, whose {@code dead-letter-queue} strategy
 * writes it to {@code <topic>.dlq} with the reason in the headers.
 */
@ApplicationScoped
@Startup // its counters are registered at start, not with the first record
public class RecordIntake {

    private final DatabaseAvailability database;
    private final FollowupConfig config;
    private final Map<String, Counter> deadLettered;
    private final Counter busyWaits;
    private volatile boolean stopping;

    public RecordIntake(DatabaseAvailability database, FollowupConfig config, MeterRegistry registry) {
        this.database = database;
        this.config = config;
        // registered at start (@Startup), so a dashboard sees 0 rather than no series before the first dead letter
        this.deadLettered = java.util.stream.Stream.of(Topics.WINDOW_EXPIRED, Topics.INBOUND_MESSAGES, Topics.MESSAGE_STATUS,
                        Topics.TEMPLATE_CHANGES, Topics.WINDOW_EXPIRING_SOON)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(topic -> topic, topic -> Counter
                        .builder("sender.dead.letters")
                        .description("records the connector writes to a dead-letter topic (undecodable, invalid, or failing while the database answers)")
                        .tag("topic", Topics.deadLetterOf(topic))
                        .register(registry)));
        this.busyWaits = Counter.builder("sender.consumer.busy.waits")
                .description("tries of a record put off because no pooled database connection came free in time")
                .register(registry);
    }

    /**
     * Runs a consumer's handling of one record from {@code topic}; a failure it throws (the connector then writes the
     * record to {@code <topic>.dlq}) is counted first. A record the shutdown interrupts is no dead letter: it fails
     * with {@link ShuttingDown}, which the channels' failure strategy ({@link DeadLetterUnlessShuttingDown}) leaves
     * unacknowledged, so its offset is never committed and the partition's next owner takes it again.
     */
    public void handle(String topic, RecordWork work) {
        try {
            work.run();
        } catch (ShuttingDown e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShuttingDown(e);
        } catch (RuntimeException e) {
            deadLettered.get(topic).increment();
            throw e;
        }
    }

    /** Counts one record of {@code topic} that a batch consumer hands to its channel's dead-letter queue. */
    public void deadLettered(String topic) {
        deadLettered.get(topic).increment();
    }

    /** The record's work was cut short by the shutdown: not its failure, and never a dead letter. */
    public static final class ShuttingDown extends RuntimeException {

        ShuttingDown(Throwable cause) {
            super("shutting down: the record is left to the next consumer, its offset not committed", cause);
        }
    }

    /** A consumer's handling of one record. */
    @FunctionalInterface
    public interface RecordWork {
        void run() throws InterruptedException;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
    }

    /** The record's value as {@code T}, or {@link UnprocessableRecord} with the reason. */
    public static <T> T decode(ConsumerRecord<String, byte[]> record, Deserializer<T> deserializer,
            Function<T, String> problemWith) {
        return decode(record.topic(), record.value(), deserializer, problemWith);
    }

    /** As {@link #decode(ConsumerRecord, Deserializer, Function)}, for a record of a batch. */
    public static <T> T decode(String topic, byte[] bytes, Deserializer<T> deserializer, Function<T, String> problemWith) {
        T value;
        try {
            value = deserializer.deserialize(topic, bytes);
        } catch (SerializationException e) {
            throw new UnprocessableRecord(e.getMessage(), e);
        }
        if (value == null) {
            throw new UnprocessableRecord("empty record");
        }
        String problem = problemWith.apply(value);
        if (problem != null) {
            throw new UnprocessableRecord("invalid " + value.getClass().getSimpleName() + ": " + problem);
        }
        return value;
    }

    /**
     * Runs {@code work} until it succeeds, waiting while the database is away or the pool has no connection free; a
     * failure while the database answers is tried {@code FOLLOWUP_CONSUMER_ATTEMPTS_WHILE_DATABASE_UP} times, then
     * thrown (to the dead-letter topic).
     */
    public void applyWaitingForTheDatabase(Runnable work) throws InterruptedException {
        applyWaitingForTheDatabase(work, config.consumerAttemptsWhileDatabaseUp());
    }

    /**
     * As {@link #applyWaitingForTheDatabase(Runnable)}, with {@code attemptsWhileUp} tries while the database answers;
     * 1 where the work calls Twilio, whose own retries are done by then (another try could send a second message).
     * A busy pool is no such try: the connection was refused before any statement of it. What committed before (a
     * window's decision and claim) makes the next try skip that part; a claim left mid-send is settled by claim
     * recovery, which asks Twilio's list before it creates anything.
     */
    public void applyWaitingForTheDatabase(Runnable work, int attemptsWhileUp) throws InterruptedException {
        long pause = config.consumerRetryInitialDelay().toMillis();
        int failuresWhileUp = 0;
        while (true) {
            if (stopping) {
                throw new ShuttingDown(null);
            }
            if (database.isAvailable()) {
                try {
                    work.run();
                    return;
                } catch (RuntimeException | AssertionError e) {
                    // AssertionError: the PostgreSQL driver asserts on a dead connection where assertions are on (tests)
                    if (database.isBusy(e)) {
                        busyWaits.increment();
                        Log.debugf("no pooled connection free in time, the record waits: %s", e.getMessage());
                    } else if (!database.isOutage(e) && ++failuresWhileUp >= attemptsWhileUp) {
                        throw e;
                    }
                }
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, config.consumerRetryMaxDelay().toMillis());
        }
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
