package com.wawindow.sender.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SendRateLimiterTest {

    @Test
    void sixteenThreadsTogetherStayUnderTheRate() throws Exception {
        SendRateLimiter limiter = new SendRateLimiter(100);
        ConcurrentLinkedQueue<Long> granted = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        long started = System.nanoTime();
        for (int i = 0; i < 250; i++) {
            pool.submit(() -> {
                limiter.acquire();
                granted.add(System.currentTimeMillis());
            });
        }
        pool.shutdown();
        assertEquals(true, pool.awaitTermination(30, TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - started) / 1e9;

        assertEquals(250, granted.size());
        assertThat(RateWindows.maxInAnySecond(List.copyOf(granted)), lessThanOrEqualTo(100));
        assertThat(250 / seconds, greaterThan(70.0)); // 80 planned (HEADROOM), a few slots may pass on a busy box
    }

    @Test
    void aRateOfZeroIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SendRateLimiter(0));
    }

    @Test
    void slidingWindowCountsWhatAStrictReceiverWouldSee() {
        assertEquals(3, RateWindows.maxInAnySecond(List.of(0L, 500L, 999L, 1000L, 2500L)));
        assertEquals(1, RateWindows.maxInAnySecond(List.of(0L, 1000L, 2000L)));
    }

    /**
     * The source's clock (in seconds, here 1,000 s ahead of nanoTime) is placed from the shortest round trip: a slow
     * trip, whose midpoint would put a slot 200 ms off, does not move it; a faster one, or one after the best has aged
     * past its drift bound, does.
     */
    @Test
    void theSourceClockComesFromTheShortestRoundTrip() {
        long ms = TimeUnit.MILLISECONDS.toNanos(1);
        SendRateLimiter.SourceClock clock = new SendRateLimiter.SourceClock();
        // a 10 ms trip: the source said 1000.005 s when nanoTime was about 5 ms
        assertEquals(1_005 * ms, clock.toLocal(1000.005 + 1, 1000.005, 0, 10 * ms), ms);
        // a 400 ms trip whose "now" was read right at its end: its midpoint would be 200 ms off; the 10 ms one holds
        assertEquals(1_405 * ms, clock.toLocal(1000.405 + 1, 1000.405, 5 * ms, 405 * ms), 6 * ms);
        // a 2 ms trip says more: it is taken
        assertEquals(2_501 * ms, clock.toLocal(1000.501 + 2, 1000.501, 500 * ms, 502 * ms), ms / 10);
        // a minute later the 2 ms sample may have drifted 30 ms: a 40 ms trip (20 ms error) replaces it
        long later = 60_000 * ms;
        assertEquals(later + 1_020 * ms, clock.toLocal(1000.001 + 60 + 1, 1000.001 + 60, later, later + 40 * ms), ms / 10);
    }
}
