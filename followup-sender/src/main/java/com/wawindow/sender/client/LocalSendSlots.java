package com.wawindow.sender.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The slots of one process alone, on its own clock (benchmarks and tests without a database). */
final class LocalSendSlots implements SendRateLimiter.SlotSource {

    private final Map<String, Double> nextFree = new HashMap<>();

    @Override
    public synchronized SendRateLimiter.Reservation reserve(String sender, int count, double spacingSeconds) {
        double now = now();
        double first = Math.max(now, nextFree.getOrDefault(sender, now));
        nextFree.put(sender, first + count * spacingSeconds);
        return new SendRateLimiter.Reservation(first, now);
    }

    @Override
    public synchronized void pause(String sender, Duration pause) {
        double until = now() + pause.toNanos() / 1e9;
        nextFree.merge(sender, until, Math::max);
    }

    private static double now() {
        return System.nanoTime() / 1e9;
    }
}
