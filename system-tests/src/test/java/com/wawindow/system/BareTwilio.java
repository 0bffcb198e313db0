package com.wawindow.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Messaging API that does almost nothing, for {@link SystemBenchmark}: every Create Message is answered 201 with a
 * fresh SID and its arrival time is recorded; nothing is parsed, templated or journaled, so the sender's rate, not the
 * fake's, is what the benchmark measures. {@link RunningSystem}'s WireMock fake still serves the Content API.
 */
final class BareTwilio implements AutoCloseable {

    static {
        // The JDK's server writes an answer's headers and body apart; without TCP_NODELAY the second write waits for
        // the client's delayed ACK, 40 ms per create on a kept-alive connection: 32 in flight made 722/s at 9 % CPU,
        // the fake's figure, not the sender's. Read once, when the JDK's server first starts in this JVM.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final AtomicLong sids = new AtomicLong();
    private long[] arrivals = new long[1 << 16];
    private int count;

    BareTwilio() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
            if (!"POST".equals(exchange.getRequestMethod()) || !exchange.getRequestURI().getPath().endsWith("/Messages.json")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            record(System.currentTimeMillis());
            byte[] answer = ("{\"sid\":\"SM" + String.format("%032x", sids.incrementAndGet()) + "\",\"account_sid\":\""
                    + RunningSystem.ACCOUNT_SID + "\",\"status\":\"queued\",\"direction\":\"outbound-api\",\"num_segments\":\"1\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    private synchronized void record(long epochMillis) {
        if (count == arrivals.length) {
            arrivals = Arrays.copyOf(arrivals, count * 2);
        }
        arrivals[count++] = epochMillis;
    }

    /** How many creates arrived so far. */
    synchronized int count() {
        return count;
    }

    /** The arrival times (epoch ms) of creates {@code from} (a {@link #count()} taken earlier) to now. */
    synchronized long[] arrivalsSince(int from) {
        return Arrays.copyOfRange(arrivals, from, count);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
