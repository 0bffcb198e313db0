package com.wawindow.sender.service;

import com.wawindow.sender.repository.DispatchRepository.Counts;
import java.time.Instant;

/**
 * Outcome counts over a time range, each with its rate: delivered, read and replied relative to sent;
 * failed relative to all attempted.
 */
public record StatsView(Instant from, Instant to, long total, long sent, long delivered, long read, long failed,
        long repliedAfterFollowup, Double deliveredRate, Double readRate, Double failedRate, Double repliedRate) {

    static StatsView of(TimeRange range, Counts c) {
        return new StatsView(range.from(), range.to(), c.total(), c.sent(), c.delivered(), c.read(), c.failed(), c.replied(),
                rate(c.delivered(), c.sent()), rate(c.read(), c.sent()), rate(c.failed(), c.total()), rate(c.replied(), c.sent()));
    }

    private static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
