package com.wawindow.sender.client;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wawindow.sender.SenderTestBase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Two sender instances' budgets (two limiters, each with its own reservations) over the one database: together
 * they stay under the sender's rate in every sliding second, and slots one of them reserved and never used pass.
 */
@QuarkusTest
class SharedSendBudgetTest extends SenderTestBase {

    private static final int MPS = 40;

    private final DataSource dataSource;

    SharedSendBudgetTest(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Test
    void twoInstancesTogetherStayUnderTheSendersRate() throws Exception {
        String sender = "whatsapp:+1555" + UUID.randomUUID();
        SendRateLimiter first = limiter(MPS, Map.of());
        SendRateLimiter second = limiter(MPS, Map.of());
        ConcurrentLinkedQueue<Long> sent = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> sends = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                SendRateLimiter instance = i % 2 == 0 ? first : second;
                sends.add(threads.submit(() -> {
                    instance.acquire(sender);
                    sent.add(System.currentTimeMillis());
                }));
            }
            for (Future<?> send : sends) {
                send.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(120, sent.size());
        assertThat(RateWindows.maxInAnySecond(List.copyOf(sent)), lessThanOrEqualTo(MPS));
        // both instances got slots: neither was starved by the other's reservations
        assertThat(first.usedSlots(sender), greaterThanOrEqualTo(1.0));
        assertThat(second.usedSlots(sender), greaterThanOrEqualTo(1.0));
    }

    @Test
    void aCrashedInstancesReservedSlotsPassToTheOthers() {
        String sender = "MG" + UUID.randomUUID().toString().replace("-", "");
        SharedSendSlots shared = new SharedSendSlots(dataSource);
        double spacing = 1.0 / (MPS * SendRateLimiter.HEADROOM);
        // an instance reserved a whole second of slots and died before using any of them
        SendRateLimiter.Reservation crashed = shared.reserve(sender, (int) (MPS * SendRateLimiter.HEADROOM), spacing);

        SendRateLimiter survivor = limiter(MPS, Map.of());
        long started = System.nanoTime();
        survivor.acquire(sender);
        double firstAfter = (System.nanoTime() - started) / 1e9;
        SendRateLimiter.Reservation next = shared.reserve(sender, 1, spacing);

        // the survivor's first send waited for the dead reservation's slots to pass, no longer
        assertThat(firstAfter, lessThan(1.0 + 0.5));
        assertThat(next.firstSlotAt() - crashed.firstSlotAt(), greaterThanOrEqualTo(1.0 - spacing));
    }

    @Test
    void aSenderWithAnOverrideHasItsOwnBudget() {
        SendRateLimiter limiter = limiter(MPS, SendRateLimiter.parseOverrides("whatsapp:+15550001111=400, MGabc=200"));
        assertEquals(400, limiter.maxPerSecond("whatsapp:+15550001111"));
        assertEquals(200, limiter.maxPerSecond("MGabc"));
        assertEquals(MPS, limiter.maxPerSecond("whatsapp:+15550002222"));
        assertThrows(IllegalArgumentException.class, () -> SendRateLimiter.parseOverrides("whatsapp:+1555=fast"));
        assertThrows(IllegalArgumentException.class, () -> SendRateLimiter.parseOverrides("=80"));
    }

    @Test
    void aRateLimitedSenderPausesEveryInstance() {
        String sender = "whatsapp:+1555" + UUID.randomUUID();
        SendRateLimiter first = limiter(MPS, Map.of());
        SendRateLimiter second = limiter(MPS, Map.of());
        first.acquire(sender);
        first.pause(sender, Duration.ofMillis(800));
        long started = System.nanoTime();
        second.acquire(sender);
        assertThat((System.nanoTime() - started) / 1e9, greaterThanOrEqualTo(0.7));
    }

    private SendRateLimiter limiter(int mps, Map<String, Integer> overrides) {
        return new SendRateLimiter(new SharedSendSlots(dataSource), mps, overrides, 8, new SimpleMeterRegistry());
    }
}
