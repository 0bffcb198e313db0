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
 * FOLLOWUP_CONSUMER_CONCURRENCY at once on the {@value #WORKERS} worker pool, so they never need more connections
 * than the pool holds (the rate limiter paces the sends; offsets are still committed in order). A record that cannot
 * be decoded, or an exception after the last Twilio retry, nacks the record, which then goes to
 * {@link Topics#WINDOW_EXPIRED_DLQ}; a database outage or a busy pool is waited out ({@link RecordIntake}).
 */
@ApplicationScoped
public class WindowExpiredConsumer {

    /** The channel (its topic, group and DLQ are in application.properties). */
    public static final String CHANNEL = "window-expired";

    /** The worker pool its records run on; its size is smallrye.messaging.worker.<this>.max-concurrency. */
    static final String WORKERS = "window-expired-workers";

    private final WindowExpiredDeserializer deserializer = new WindowExpiredDeserializer();
    private final FollowupService followups;
    private final RecordIntake intake;

    public WindowExpiredConsumer(FollowupService followups, RecordIntake intake) {
        this.followups = followups;
        this.intake = intake;
    }

    @Incoming(CHANNEL)
    @Blocking(value = WORKERS, ordered = false)
    public void onWindowExpired(ConsumerRecord<String, byte[]> record) {
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
