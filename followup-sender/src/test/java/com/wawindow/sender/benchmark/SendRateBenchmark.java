package com.wawindow.sender.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.wawindow.sender.entity.OutboundMessage;
import com.wawindow.sender.client.TwilioConnection;
import com.wawindow.sender.client.TwilioMessages;
import com.wawindow.sender.TestConfigs;
import com.wawindow.sender.client.SendRateLimiter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A burst of N template sends through the SDK to a local fake Twilio, unthrottled (the baseline) and at
 * FOLLOWUP_MAX_MPS, from 32 threads: achieved rate and the most requests the fake saw in any one second.
 * Run with {@code ./mvnw -pl followup-sender verify -Pbenchmarks} (N = -Dburst, MPS = -Dmps).
 */
class SendRateBenchmark {

    private static final int BURST = Integer.getInteger("burst", 1000);
    private static final int MPS = Integer.getInteger("mps", 80);

    @Test
    void burstUnthrottledVersusRateLimited() throws Exception {
        WireMockServer fake = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(64).jettyAcceptors(2));
        fake.start();
        try {
            fake.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json")).willReturn(aResponse()
                    .withStatus(201).withHeader("Content-Type", "application/json")
                    .withBody("{\"sid\":\"SM00000000000000000000000000000000\",\"status\":\"queued\"}")));
            TwilioConnection connection = new TwilioConnection(TestConfigs.twilio(
                    "AC00000000000000000000000000000001", "benchmark-token", "http://127.0.0.1:" + fake.port(), true),
                    TestConfigs.followup(false));

            run("unthrottled (baseline)", fake, new TwilioMessages(connection, new SendRateLimiter(1_000_000)));
            run("FOLLOWUP_MAX_MPS=" + MPS, fake, new TwilioMessages(connection, new SendRateLimiter(MPS)));
        } finally {
            fake.stop();
        }
    }

    private static void run(String label, WireMockServer fake, TwilioMessages twilio) throws Exception {
        fake.resetRequests();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        long started = System.nanoTime();
        try {
            List<Callable<TwilioMessages.Accepted>> sends = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                String to = "whatsapp:+6281" + String.format("%09d", i);
                sends.add(() -> twilio.send(new OutboundMessage(to, "whatsapp:+14155238886", null,
                        "HXb5b62575e6e4ff6129ad7c8efe1f983e", "{\"1\":\"Budi\"}", null, null)));
            }
            for (Future<TwilioMessages.Accepted> sent : pool.invokeAll(sends)) {
                sent.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Long> arrivals = fake.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .map(r -> r.getLoggedDate().getTime()).toList();
        assertEquals(BURST, arrivals.size());
        System.out.printf("BENCHMARK %-24s burst %d: %.2f s, %.1f msg/s achieved, max %d requests in any 1-s window at the fake%n",
                label, BURST, seconds, BURST / seconds, maxInAnySecond(arrivals));
    }

    private static int maxInAnySecond(List<Long> epochMillis) {
        long[] times = epochMillis.stream().mapToLong(Long::longValue).sorted().toArray();
        int max = 0;
        for (int start = 0, end = 0; end < times.length; end++) {
            while (times[end] - times[start] >= 1000) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }

}
