package com.wawindow.sender.messaging;

import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.serde.EventDeserializer.WindowExpiredDeserializer;
import com.wawindow.sender.service.FollowupService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@link Topics#WINDOW_EXPIRED}: one follow-up decision per closed window. Records are handled concurrently, at most
 * {@code FOLLOWUP_WINDOW_EXPIRED_CONCURRENCY} at a time ({@link #WORKERS}; the rate limiter bounds the sends; offsets
 * are still committed in order). A record that cannot be decoded, or an
 * exception after the last Twilio retry, nacks the record, which then goes to {@link Topics#WINDOW_EXPIRED_DLQ}; a
 * database outage is waited out ({@link RecordIntake}).
 */
@ApplicationScoped
public class WindowExpiredConsumer {

    /** The channel (its topic, group and DLQ are in application.properties). */
    public static final String CHANNEL = "window-expired";
    /**
     * The worker pool the records run on, bounded by {@code FOLLOWUP_WINDOW_EXPIRED_CONCURRENCY}: unbounded, a backlog
     * ran one record per Quarkus worker thread (up to 200), each needing a database connection out of 40, and the
     * ones that waited longer than the acquisition timeout went to the DLQ unsent (seen in system-tests'
     * SystemBenchmark: 418 of 2,000 windows).
     */
    public static final String WORKERS = "window-expired-workers";

    private final WindowExpiredDeserializer deserializer = new WindowExpiredDeserializer();
    private final FollowupService followups;
    private final RecordIntake intake;

    public WindowExpiredConsumer(FollowupService followups, RecordIntake intake) {
        this.followups = followups;
        this.intake = intake;
    }

    @Incoming(CHANNEL)
    @Blocking(value = WORKERS, ordered = false)
    public void onWindowExpired(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        intake.handle(Topics.WINDOW_EXPIRED, () -> {
            WindowExpired event = RecordIntake.decode(record, deserializer, WindowExpiredConsumer::problemWith);
            // a failure while the database answers (Twilio gave up) goes to the DLQ at once: no second round of sends
            intake.applyWaitingForTheDatabase(() -> followups.onWindowExpired(event), 1);
        });
    }

    static String problemWith(WindowExpired event) {
        if (event.eventId() == null) {
            return "no eventId";
        }
        if (RecordIntake.isBlank(event.contactId())) {
            return "no contactId";
        }
        if (RecordIntake.isBlank(event.contactAddress())) {
            return "no contactAddress";
        }
        if (event.lastMessageAt() == null) {
            return "no lastMessageAt";
        }
        return event.expiredAt() == null ? "no expiredAt" : null;
    }
}
