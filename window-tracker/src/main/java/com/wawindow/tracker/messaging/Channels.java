package com.wawindow.tracker.messaging;

/** The tracker's channel names, as application.properties configures them (each bound to its topic from Topics). */
public final class Channels {

    /** In: {@code Topics.INBOUND_MESSAGES}, in batches. */
    public static final String INBOUND_MESSAGES = "inbound-messages";
    /** Out: {@code Topics.INBOUND_MESSAGES_DLQ}, the records the consumer could not apply. */
    public static final String INBOUND_DEAD_LETTERS = "inbound-dead-letters";
    /** Out: {@code Topics.WINDOW_EXPIRED}. */
    public static final String WINDOW_EXPIRED = "window-expired";
    /** Out: {@code Topics.WINDOW_EXPIRING_SOON}. */
    public static final String WINDOW_EXPIRING_SOON = "window-expiring-soon";

    private Channels() {
    }
}
