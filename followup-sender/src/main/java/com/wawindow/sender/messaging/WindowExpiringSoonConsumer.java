package com.wawindow.sender.messaging;

import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpiringSoon;
import com.wawindow.events.serde.EventDeserializer.WindowExpiringSoonDeserializer;
import com.wawindow.sender.service.NudgeService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@link Topics#WINDOW_EXPIRING_SOON}: one nudge decision per window per NUDGE rule, shortly before the window closes.
 * Records run concurrently on the {@value #WORKERS} pool (a nudge is late by the time the previous one's wait for the
 * rate budget ends otherwise); an undecodable record or a failure while the database answers goes to
 * {@link Topics#WINDOW_EXPIRING_SOON_DLQ}; a database outage is waited out ({@link RecordIntake}).
 */
@ApplicationScoped
public class WindowExpiringSoonConsumer {

    /** The channel (its topic, group and DLQ are in application.properties). */
    public static final String CHANNEL = "window-expiring-soon";

    static final String WORKERS = "nudge-workers";

    private final WindowExpiringSoonDeserializer deserializer = new WindowExpiringSoonDeserializer();
    private final NudgeService nudges;
    private final RecordIntake intake;

    public WindowExpiringSoonConsumer(NudgeService nudges, RecordIntake intake) {
        this.nudges = nudges;
        this.intake = intake;
    }

    @Incoming(CHANNEL)
    @Blocking(value = WORKERS, ordered = false)
    public void onExpiringSoon(ConsumerRecord<String, byte[]> record) {
        intake.handle(Topics.WINDOW_EXPIRING_SOON, () -> {
            WindowExpiringSoon event = RecordIntake.decode(record, deserializer, WindowExpiringSoonConsumer::problemWith);
            intake.applyWaitingForTheDatabase(() -> nudges.onExpiringSoon(event), 1);
        });
    }

    static String problemWith(WindowExpiringSoon event) {
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
        return event.expiresAt() == null ? "no expiresAt" : null;
    }
}
