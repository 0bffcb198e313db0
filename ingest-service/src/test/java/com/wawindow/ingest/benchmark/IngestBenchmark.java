package com.wawindow.ingest.benchmark;

import static com.wawindow.ingest.support.WebhookClient.AUTH_TOKEN;
import static com.wawindow.ingest.support.WebhookClient.FORM;
import static com.wawindow.ingest.support.WebhookClient.WHATSAPP;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.infra.InfraTestResource;
import com.wawindow.ingest.support.Form;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Drives signed webhooks at the running service over loopback and prints throughput and latency; the same load
 * against a no-op endpoint of the same HTTP stack is the baseline, measured in the same run. Latency is taken
 * from the moment a request was due (open loop), so a stalled server cannot hide its queueing.
 *
 * <p>The closed-loop phase cycles through 100,000 prepared webhooks, so past that a MessageSid repeats (and counts
 * as a duplicate); the event is published all the same.
 *
 * <p>Run with {@code ./mvnw -pl ingest-service verify -Pbenchmarks}; results also go to
 * {@code target/benchmark-results.md}.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
class IngestBenchmark {

    private static final int RATE = Integer.getInteger("benchmark.rate", 1_000);
    private static final Duration STEADY = Duration.ofSeconds(Long.getLong("benchmark.seconds", 20));
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration SATURATION = Duration.ofSeconds(15);
    private static final int CONCURRENCY = Integer.getInteger("benchmark.concurrency", 64);
    private static final String NO_OP = "/benchmark/no-op";

    private Vertx vertx;
    private HttpClient client;
    private final StringBuilder report = new StringBuilder();
    private final AtomicLong sequence = new AtomicLong();

    @BeforeEach
    void startClient() {
        vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("localhost")
                .setDefaultPort(RestAssured.port).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(CONCURRENCY));
    }

    @AfterEach
    void stopClient() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void signedWebhooksAgainstTheNoOpBaseline() throws Exception {
        report.append("Load average before: ").append(loadAverage()).append("\n\n");
        report.append(String.format(Locale.ROOT, "| endpoint | load | requests | non-200 | throughput/s | p50 ms | p99 ms | max ms |%n"
                + "|---|---|---|---|---|---|---|---|%n"));
        openLoop(NO_OP, WARM_UP, false);
        openLoop(WHATSAPP, WARM_UP, false);
        Result baseline = openLoop(NO_OP, STEADY, true);
        Result webhook = openLoop(WHATSAPP, STEADY, true);
        Result baselineMax = closedLoop(NO_OP);
        Result webhookMax = closedLoop(WHATSAPP);
        report.append("\nLoad average after: ").append(loadAverage()).append("\n");
        System.out.println("\n" + report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "benchmark-results.md"), report.toString());

        for (Result result : new Result[] {baseline, webhook, baselineMax, webhookMax}) {
            assertTrue(result.completed() > 0, "no request completed");
        }
    }

    /** {@code RATE} requests a second for {@code duration}, each timed from when it was due. */
    private Result openLoop(String path, Duration duration, boolean report) throws Exception {
        int total = (int) (RATE * duration.toSeconds());
        Request[] requests = prepare(path, total);
        long[] latencies = new long[total];
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        long start = System.nanoTime();
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / RATE;
        int[] sent = {0};
        vertx.setPeriodic(1, timer -> {
            long due = Math.min(total, (System.nanoTime() - start) / intervalNanos + 1);
            while (sent[0] < due) {
                int index = sent[0]++;
                long dueAt = start + index * intervalNanos;
                send(path, requests[index]).onComplete(outcome -> {
                    latencies[index] = System.nanoTime() - dueAt;
                    if (outcome.failed() || outcome.result() != 200) {
                        failed.incrementAndGet();
                    }
                    if (done.incrementAndGet() == total) {
                        finished.complete(null);
                    }
                });
            }
            if (sent[0] == total) {
                vertx.cancelTimer(timer);
            }
        });
        finished.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        Result result = new Result(total, failed.get(), elapsed, latencies);
        if (report) {
            record(path, RATE + "/s open loop, " + duration.toSeconds() + " s", result);
        }
        return result;
    }

    /** {@code CONCURRENCY} requests always in flight for {@code SATURATION}: the most the box sustains. */
    private Result closedLoop(String path) throws Exception {
        Request[] requests = prepare(path, 100_000);
        long[] latencies = new long[2_000_000];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + SATURATION.toNanos();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        AtomicInteger inFlight = new AtomicInteger(CONCURRENCY);
        vertx.runOnContext(ignored -> {
            for (int i = 0; i < CONCURRENCY; i++) {
                loop(path, requests, latencies, next, done, failed, end, inFlight, finished);
            }
        });
        finished.get(SATURATION.toSeconds() + 60, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        Result result = new Result(done.get(), failed.get(), elapsed, Arrays.copyOf(latencies, done.get()));
        record(path, CONCURRENCY + " in flight, " + SATURATION.toSeconds() + " s", result);
        return result;
    }

    private void loop(String path, Request[] requests, long[] latencies, AtomicInteger next, AtomicInteger done,
            AtomicInteger failed, long end, AtomicInteger inFlight, CompletableFuture<Void> finished) {
        int index = next.getAndIncrement();
        if (System.nanoTime() >= end || index >= latencies.length) {
            if (inFlight.decrementAndGet() == 0) {
                finished.complete(null);
            }
            return;
        }
        long sentAt = System.nanoTime();
        send(path, requests[index % requests.length]).onComplete(outcome -> {
            latencies[done.getAndIncrement()] = System.nanoTime() - sentAt;
            if (outcome.failed() || outcome.result() != 200) {
                failed.incrementAndGet();
            }
            loop(path, requests, latencies, next, done, failed, end, inFlight, finished);
        });
    }

    private Future<Integer> send(String path, Request request) {
        return client.request(HttpMethod.POST, path).compose(http -> http
                .putHeader("Content-Type", FORM)
                .putHeader("X-Twilio-Signature", request.signature())
                .send(request.body())
                .compose(response -> response.body().map(body -> response.statusCode())));
    }

    /** Signed, distinct webhooks (own MessageSid, 1,000 contacts), made before the clock starts. */
    private Request[] prepare(String path, int count) {
        String url = "http://localhost:" + RestAssured.port + path;
        Request[] requests = new Request[count];
        for (int i = 0; i < count; i++) {
            long n = sequence.incrementAndGet();
            Form form = Form.whatsapp(String.format(Locale.ROOT, "SM%032x", n), "628120" + (1_000_000 + n % 1_000),
                    "Halo, saya mau tanya soal pesanan nomor " + n);
            requests[i] = new Request(Buffer.buffer(form.encoded().getBytes(StandardCharsets.UTF_8)),
                    form.sign(AUTH_TOKEN, url));
        }
        return requests;
    }

    private void record(String path, String load, Result result) {
        report.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %.0f | %.2f | %.2f | %.2f |%n",
                path.equals(NO_OP) ? "no-op baseline" : path, load, result.completed(), result.failed(),
                result.throughput(), result.percentileMillis(50), result.percentileMillis(99), result.percentileMillis(100)));
    }

    /** The machine is shared: the 1, 5 and 15 minute load averages say how much else ran meanwhile. */
    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? Files.readString(loadavg).trim() : "unknown";
    }

    private record Request(Buffer body, String signature) {
    }

    private record Result(int completed, int failed, long elapsedNanos, long[] latencies) {

        double throughput() {
            return completed * 1e9 / elapsedNanos;
        }

        double percentileMillis(double percentile) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1e6;
        }
    }
}
