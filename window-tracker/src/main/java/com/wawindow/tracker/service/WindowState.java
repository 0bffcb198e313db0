package com.wawindow.tracker.service;

/** A contact's windows at one instant. */
public record WindowState(State state, long secondsRemaining, boolean expiringSoon, boolean entryPointOpen) {

    public enum State {
        OPEN,
        CLOSED
    }
}
