package com.wawindow.sender.client;

import java.time.Instant;

/**
 * A send with a deadline (a nudge must leave while its window is open) got its rate-limiter slot only after it: the
 * request was not written, nothing was created, and it must not go at all.
 */
public class SendDeadlinePassed extends RuntimeException {

    public SendDeadlinePassed(Instant deadline) {
        super("its slot came after its deadline " + deadline + "; not sent");
    }
}
