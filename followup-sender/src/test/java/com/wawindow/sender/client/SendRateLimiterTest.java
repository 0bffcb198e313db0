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
        assertThat(250 / seconds, greaterThan(80.0));
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
}
