package com.wawindow.sender.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.wawindow.sender.SenderTestBase;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The turn that template sync and the processed-inbound pruner take before they run: against the real
 * database, eight callers at once (each its own transaction and connection, as eight instances would be) get exactly
 * one turn, nobody gets another while it lasts, and the next one is taken once it has passed.
 */
@QuarkusTest
class SingletonJobsTest extends SenderTestBase {

    private static final int INSTANCES = 8;

    @Inject
    SingletonJobs jobs;

    @Test
    void eightInstancesAtOnceGetOneTurnAndTheNextComesAfterIt() throws Exception {
        String job = "test-" + UUID.randomUUID();
        Duration interval = Duration.ofSeconds(2);

        assertEquals(1, turnsTaken(job, interval), "one of eight simultaneous callers runs the job");
        assertFalse(jobs.tryStart(job, interval), "no second turn while the first lasts");

        Thread.sleep(interval.toMillis());
        assertEquals(1, turnsTaken(job, interval), "after the turn passed, exactly one caller takes the next");
    }

    private int turnsTaken(String job, Duration interval) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < INSTANCES; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return jobs.tryStart(job, interval);
                }));
            }
            start.countDown();
            int taken = 0;
            for (Future<Boolean> call : calls) {
                taken += call.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            return taken;
        } finally {
            pool.shutdownNow();
        }
    }
}
