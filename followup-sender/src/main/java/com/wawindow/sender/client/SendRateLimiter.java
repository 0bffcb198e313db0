package com.wawindow.sender.client;

import com.wawindow.sender.config.FollowupConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket of depth one shared by every thread that calls Twilio: each send reserves the next free
 * slot, and slots are {@code 1 s / (FOLLOWUP_MAX_MPS * 0.9)} apart. A deeper bucket would let a full bucket
 * plus a second of refill (twice the rate) through in one second. A thread that wakes more than 20 ms after
 * its slot (a GC pause, an overloaded machine) gives the slot up and queues again, so a stall is never
 * followed by a catch-up burst. The 10 % headroom is for the way to Twilio: a request may arrive up to about
 * 100 ms later than its neighbours without one too many landing in any one second at Twilio's side.
 */
@Singleton
public class SendRateLimiter {

    static final double HEADROOM = 0.9;
    private static final long LATE_TOLERANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

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
        while (true) {
            long slot;
            synchronized (this) {
                slot = Math.max(System.nanoTime(), nextSlotNanos);
                nextSlotNanos = slot + intervalNanos;
            }
            long wait;
            while ((wait = slot - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (System.nanoTime() - slot <= LATE_TOLERANCE_NANOS) {
                return;
            }
        }
    }
}
