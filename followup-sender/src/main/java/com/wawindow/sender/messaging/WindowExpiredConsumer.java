package com.wawindow.sender.messaging;

import com.wawindow.events.WindowExpired;
import com.wawindow.events.Topics;
import com.wawindow.sender.service.FollowupService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@link Topics#WINDOW_EXPIRED}: one follow-up decision per closed window. Records are handled concurrently
 * (the rate limiter bounds the sends; offsets are still committed in order). An exception after the last
 * Twilio retry nacks the record, which then goes to {@link Topics#WINDOW_EXPIRED_DLQ}.
 */
@ApplicationScoped
public class WindowExpiredConsumer {

    @Inject
    FollowupService followups;

    @Incoming("window-expired")
    @Blocking(ordered = false)
    public void onWindowExpired(WindowExpired event) {
        followups.onWindowExpired(event);
    }
}
