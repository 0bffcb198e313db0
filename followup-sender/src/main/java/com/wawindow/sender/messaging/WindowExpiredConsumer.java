package com.wawindow.sender.messaging;

import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpired;
import com.wawindow.sender.service.FollowupService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@link Topics#WINDOW_EXPIRED}: one follow-up decision per closed window. Records are handled concurrently
 * (the rate limiter bounds the sends; offsets are still committed in order). An exception after the last
 * Twilio retry nacks the record, which then goes to {@link Topics#WINDOW_EXPIRED_DLQ}.
 */
@ApplicationScoped
public class WindowExpiredConsumer {

    /** The channel (its topic, group and DLQ are in application.properties). */
    public static final String CHANNEL = "window-expired";

    private final FollowupService followups;

    public WindowExpiredConsumer(FollowupService followups) {
        this.followups = followups;
    }

    @Incoming(CHANNEL)
    @Blocking(ordered = false)
    public void onWindowExpired(WindowExpired event) {
        followups.onWindowExpired(event);
    }
}
