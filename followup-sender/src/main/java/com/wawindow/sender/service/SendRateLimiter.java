package com.wawindow.sender.service;

import com.wawindow.sender.config.FollowupConfig;
import jakarta.inject.Singleton;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket of depth one shared by every thread that calls Twilio: each send reserves the next free
 * slot, and slots are {@code 1 s / (FOLLOWUP_MAX_MPS * 0.9)} apart. A deeper bucket would let a full bucket
 * plus a second of refill (twice the rate) through in one second. The 10 % headroom is for the way to
 * Twilio: a request may arrive up to about 100 ms later than its neighbours (thread scheduling, connection
 * pool, network) without one too many landing in any one second at Twilio's side. Measured on a loaded
 * 2-core machine, 2 % headroom was not enough (83 in one second at 80 MPS).
 */
@Singleton
public class SendRateLimiter {

    static final double HEADROOM = 0.9;

    private final long intervalNanos;
    private long nextSlotNanos;

    @Inject
    public SendRateLimiter(FollowupConfig config) {
        this(config.maxMps());
    }

    public SendRateLimiter(int maxPerSecond) {
        if (maxPerSecond <= 0) {
            throw new IllegalArgumentException("FOLLOWUP_MAX_MPS must be positive, was " + maxPerSecond);
        }
        this.intervalNanos = (long) Math.ceil(TimeUnit.SECONDS.toNanos(1) / (maxPerSecond * HEADROOM));
        this.nextSlotNanos = System.nanoTime();
    }

    /** Blocks until this caller may send one message. */
    public void acquire() {
        long slot;
        synchronized (this) {
            long now = System.nanoTime();
            slot = Math.max(now, nextSlotNanos);
            nextSlotNanos = slot + intervalNanos;
        }
        long wait;
        while ((wait = slot - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
