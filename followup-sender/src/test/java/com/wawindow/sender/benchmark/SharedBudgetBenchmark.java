package com.wawindow.sender.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.wawindow.sender.TestConfigs;
import com.wawindow.sender.client.SendRateLimiter;
import com.wawindow.sender.client.TwilioConnection;
import com.wawindow.sender.client.TwilioMessages;
import com.wawindow.sender.entity.OutboundMessage;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The sender's send path with the shared budget, limiter lifted (FOLLOWUP_MAX_MPS=1,000,000: every send still
 * reserves its slots in PostgreSQL), one "instance" (32 threads, its own SDK client and budget cache) against two,
 * the same burst in total, the same fake Twilio. Run with
 * {@code PGDATABASE=... ./mvnw -pl followup-sender verify -Pbenchmarks -Dtest=SharedBudgetBenchmark} (N = -Dburst,
 * slots per round trip = -Dgrant).
 */
class SharedBudgetBenchmark {

    private static final int BURST = Integer.getInteger("burst", 4000);
    private static final int GRANT = Integer.getInteger("grant", 8);

    @Test
    void oneInstanceVersusTwo() throws Exception {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl("jdbc:postgresql://127.0.0.1:5432/" + System.getenv().getOrDefault("PGDATABASE", "postgres")
                + "?currentSchema=bench_budget");
        db.setUser("postgres");
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench_budget");
            s.execute("CREATE TABLE IF NOT EXISTS bench_budget.send_budget (sender TEXT PRIMARY KEY, next_at DOUBLE PRECISION NOT NULL)");
        }
        WireMockServer fake = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(96).jettyAcceptors(2));
        fake.start();
        try {
            fake.stubFor(post(urlPathMatching("/2010-04-01/Accounts/.*/Messages.json")).willReturn(aResponse()
                    .withStatus(201).withHeader("Content-Type", "application/json")
                    .withBody("{\"sid\":\"SM00000000000000000000000000000000\",\"status\":\"queued\"}")));
            for (int round = 0; round < 2; round++) { // the first round warms up the JIT, the SDK and the fake
                run("1 instance", fake, db, 1);
                run("2 instances", fake, db, 2);
            }
        } finally {
            fake.stop();
        }
    }

    private static void run(String label, WireMockServer fake, PGSimpleDataSource db, int instances) throws Exception {
        fake.resetRequests();
        List<ExecutorService> pools = new ArrayList<>();
        List<Future<TwilioMessages.Accepted>> sent = new ArrayList<>();
        long started = System.nanoTime();
        for (int instance = 0; instance < instances; instance++) {
            TwilioConnection connection = new TwilioConnection(TestConfigs.twilio(
                    "AC00000000000000000000000000000001", "benchmark-token", "http://127.0.0.1:" + fake.port(), true),
                    TestConfigs.followup(false));
            TwilioMessages twilio = new TwilioMessages(connection, SendRateLimiter.shared(db, 1_000_000, GRANT));
            ExecutorService pool = Executors.newFixedThreadPool(32);
            pools.add(pool);
            List<Callable<TwilioMessages.Accepted>> sends = new ArrayList<>();
            for (int i = instance; i < BURST; i += instances) {
                String to = "whatsapp:+6281" + String.format("%09d", i);
                sends.add(() -> twilio.send(new OutboundMessage(to, "whatsapp:+14155238886", null,
                        "HXb5b62575e6e4ff6129ad7c8efe1f983e", "{\"1\":\"Budi\"}", null, null)));
            }
            sends.forEach(send -> sent.add(pool.submit(send)));
        }
        for (Future<TwilioMessages.Accepted> one : sent) {
            one.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pools.forEach(ExecutorService::shutdownNow);
        assertEquals(BURST, fake.getAllServeEvents().size());
        System.out.printf("BENCHMARK shared budget, %-11s burst %d, grant %d: %.2f s, %.0f msg/s%n", label, BURST,
                GRANT, seconds, BURST / seconds);
    }
}
