package com.wawindow.events;

/** What an inbound message says about the contact's consent to receive follow-ups. */
public enum ConsentChange {
    /** An ordinary message. */
    NONE,
    /** STOP, UNSUBSCRIBE, ... or a configured localized keyword. */
    OPT_OUT,
    /** START, UNSTOP, ... or a configured localized keyword. */
    OPT_IN
}
