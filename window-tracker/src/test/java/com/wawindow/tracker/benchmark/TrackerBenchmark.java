package com.wawindow.tracker.benchmark;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.tracker.TrackerKafka;
import com.wawindow.tracker.service.ExpiryEngine;
import com.wawindow.tracker.service.ExpiryScheduler;
import com.wawindow.tracker.service.InboundApplier;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import com.wawindow.tracker.TrackerApi;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Not a timed test: prints figures for BENCHMARKS.md. Run with {@code ./mvnw -pl window-tracker verify -Pbenchmarks}.
 * One method, because every figure is taken on the same 1,000,000-contact table.
 */
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
class TrackerBenchmark {

    private static final int CONTACTS = 1_000_000;
    private static final int INBOUND_EVENTS = 100_000;
    private static final int SINGLE_ROW_EVENTS = 5_000;
    private static final int DUE_IN_ONE_MINUTE = 100_000;
    private static final int BACKLOG = 50_000;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    InboundApplier applier;

    @Inject
    ExpiryEngine engine;

    @Inject
    ExpiryScheduler scheduler;

    @Inject
    ChannelRegistry channels;

    @Test
    void figures() throws Exception {
        long loadStart = System.nanoTime();
        loadClosedContacts();
        report("load %,d contacts (closed windows, nothing pending): %.1f s", CONTACTS, seconds(loadStart));

        applyRateThroughTheConsumer();
        applyRateWithSingleRowCommits();
        dueWindowQuery();
        listAndStats();
        engineDrainRate();
        latenessOfOneMinuteOfDeadlines();
    }

    /** Contact ids +6281000000000 .. +6281000999999, last message 25 h to 30 days ago: every window closed and emitted. */
    private void loadClosedContacts() throws SQLException {
        execute("""
                insert into contact (contact_id, contact_address, business_address, profile_name, first_seen_at,
                        last_message_at, last_message_sid, inbound_count, window_expires_at, opted_out,
                        expired_emitted_at, updated_at)
                select '+62810' || lpad(n::text, 8, '0'), 'whatsapp:+62810' || lpad(n::text, 8, '0'), 'whatsapp:+14155238886',
                       'Contact ' || n, t - interval '90 days', t, 'SMbench' || n, 1 + mod(n, 7), t + interval '24 hours',
                       mod(n, 50) = 0, t + interval '24 hours', now()
                from (select n, now() - interval '25 hours' - (random() * interval '29 days') as t
                      from generate_series(0, %d) as n) as s
                """.formatted(CONTACTS - 1));
        execute("analyze contact");
    }

    /** Published while the consumer is paused, then timed from resume until the last one is in the table. */
    private void applyRateThroughTheConsumer() throws Exception {
        long before = count("select count(*) from processed_message");
        PausableChannel consumer = channels.getPausable("inbound-messages");
        consumer.pause();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        long publishStart = System.nanoTime();
        for (int i = 0; i < INBOUND_EVENTS; i++) {
            TrackerKafka.get().publishAsync(TrackerKafka.inbound(randomContact(), TrackerKafka.newMessageSid(), now));
        }
        TrackerKafka.get().flush();
        double published = seconds(publishStart);
        long start = System.nanoTime();
        consumer.resume();
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> count("select count(*) from processed_message") - before >= INBOUND_EVENTS);
        double applied = seconds(start);
        report("apply %,d inbound events (random contacts of the 1,000,000) through the Kafka batch consumer, one "
                + "transaction per poll of up to 500: %.1f s = %,.0f events/s (publishing them took %.1f s before)",
                INBOUND_EVENTS, applied, INBOUND_EVENTS / applied, published);
    }

    /** Baseline in the same run: the same upsert, one event per transaction. */
    private void applyRateWithSingleRowCommits() {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        List<InboundMessageReceived> events = new ArrayList<>(SINGLE_ROW_EVENTS);
        for (int i = 0; i < SINGLE_ROW_EVENTS; i++) {
            events.add(TrackerKafka.inbound(randomContact(), TrackerKafka.newMessageSid(), now));
        }
        long start = System.nanoTime();
        for (InboundMessageReceived event : events) {
            applier.apply(List.of(event));
        }
        double elapsed = seconds(start);
        report("baseline: apply %,d events one per transaction (no Kafka): %.1f s = %,.0f events/s", SINGLE_ROW_EVENTS,
                elapsed, SINGLE_ROW_EVENTS / elapsed);
    }

    /** The claim query as the engine runs it, with 500 windows due among 1,000,000 rows. */
    private void dueWindowQuery() throws SQLException {
        Instant base = Instant.now().plus(Duration.ofDays(30));
        execute("update contact set expiry_due_at = timestamptz '" + base.atOffset(ZoneOffset.UTC)
                + "' + (random() * interval '1 hour') where contact_id in (select contact_id from contact order by random() limit 20000)");
        execute("analyze contact");
        long pending = count("select count(*) from contact where expiry_due_at is not null");
        String claim = "select contact_id, contact_address, business_address, profile_name, last_message_at, "
                + "window_expires_at, last_message_sid, opted_out, entry_point_expires_at, expiry_due_at from contact "
                + "where expiry_due_at <= ? order by expiry_due_at limit 500 for update skip locked";
        Instant dueBy = base.plus(Duration.ofMinutes(2));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement explain = connection.prepareStatement("explain (analyze, buffers) " + claim)) {
                explain.setObject(1, dueBy.atOffset(ZoneOffset.UTC));
                StringBuilder plan = new StringBuilder();
                try (ResultSet rs = explain.executeQuery()) {
                    while (rs.next()) {
                        plan.append("    ").append(rs.getString(1)).append('\n');
                    }
                }
                report("EXPLAIN ANALYZE of the claim query, %,d contacts, %,d pending deadlines, ~660 due:%n%s",
                        count("select count(*) from contact"), pending, plan);
                assertTrue(plan.toString().contains("contact_expiry_due"), "the claim uses the partial index");
            }
            connection.rollback();
            double[] millis = new double[50];
            try (PreparedStatement select = connection.prepareStatement(claim)) {
                for (int i = 0; i < millis.length; i++) {
                    select.setObject(1, dueBy.atOffset(ZoneOffset.UTC));
                    long start = System.nanoTime();
                    int rows = 0;
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            rows++;
                        }
                    }
                    millis[i] = (System.nanoTime() - start) / 1e6;
                    connection.rollback();
                    assertTrue(rows > 0 && rows <= 500);
                }
            }
            Arrays.sort(millis);
            report("claim query (FOR UPDATE SKIP LOCKED, limit 500) at 1,000,000 rows, 50 runs from JDBC: p50 %.2f ms, max %.2f ms",
                    millis[millis.length / 2], millis[millis.length - 1]);
            connection.setAutoCommit(true);
        }
        execute("update contact set expiry_due_at = null where expiry_due_at > now() + interval '29 days'");
    }

    private void listAndStats() {
        String cursor = null;
        long start = System.nanoTime();
        int pages = 0;
        while (pages < 200) {
            var request = TrackerApi.asViewer().queryParam("sort", "lastMessageAt,desc").queryParam("limit", 1000);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            cursor = request.get("/contacts").then().statusCode(200).extract().path("nextCursor");
            pages++;
        }
        double perPage = seconds(start) * 1000 / pages;
        long deepStart = System.nanoTime();
        TrackerApi.asViewer().queryParam("sort", "lastMessageAt,desc").queryParam("limit", 1000).queryParam("cursor", cursor)
                .get("/contacts").then().statusCode(200);
        report("GET /contacts, 1,000 per page: first 200 pages %.1f ms per page; page 201 (past row 200,000) %.1f ms",
                perPage, seconds(deepStart) * 1000);
        long closedStart = System.nanoTime();
        TrackerApi.asViewer().queryParam("state", "closed").queryParam("optedOut", "true").queryParam("limit", 100)
                .get("/contacts").then().statusCode(200);
        report("GET /contacts?state=closed&optedOut=true&limit=100: %.1f ms", seconds(closedStart) * 1000);
        long statsStart = System.nanoTime();
        TrackerApi.asViewer().get("/contacts/stats").then().statusCode(200);
        report("GET /contacts/stats at 1,000,000 rows: %.1f ms", seconds(statsStart) * 1000);
    }

    /** How fast one engine works off a backlog (a tracker back from downtime), scheduler paused, batches timed. */
    private void engineDrainRate() throws SQLException {
        scheduler.pause();
        try {
            execute("""
                    update contact set expiry_due_at = window_expires_at where contact_id in
                        (select contact_id from contact where last_message_at < now() - interval '25 hours' limit %d)
                    """.formatted(BACKLOG));
            Instant now = Instant.now();
            List<Double> batchMillis = new ArrayList<>();
            long start = System.nanoTime();
            int emitted = 0;
            while (true) {
                long batchStart = System.nanoTime();
                int n = engine.emitDueExpirations(now);
                if (n == 0) {
                    break;
                }
                batchMillis.add((System.nanoTime() - batchStart) / 1e6);
                emitted += n;
            }
            double elapsed = seconds(start);
            batchMillis.sort(null);
            report("one engine drains a backlog of %,d due windows: %.1f s = %,.0f windows/s; per batch of 500 "
                    + "(claim, send, broker ack, mark, commit): p50 %.0f ms, max %.0f ms", emitted, elapsed, emitted / elapsed,
                    batchMillis.get(batchMillis.size() / 2), batchMillis.get(batchMillis.size() - 1));
            assertEquals(BACKLOG, emitted);
        } finally {
            scheduler.resume();
        }
    }

    /** 100,000 windows whose deadlines fall in the same minute; the running engine emits them. */
    private void latenessOfOneMinuteOfDeadlines() throws SQLException {
        // far enough ahead that arming 100,000 rows (seconds on a busy machine) is over before the first deadline
        Instant minuteStart = Instant.now().plusSeconds(60);
        long setupStart = System.nanoTime();
        execute("""
                update contact set window_expires_at = d, last_message_at = d - interval '24 hours', expiry_due_at = d,
                        expiring_soon_due_at = null, expired_emitted_at = null
                from (select contact_id as id, timestamptz '%s' + random() * interval '60 seconds' as d
                      from contact where last_message_at < now() - interval '25 hours' order by random() limit %d) as due
                where contact_id = due.id
                """.formatted(minuteStart.atOffset(ZoneOffset.UTC), DUE_IN_ONE_MINUTE));
        String pendingInTheMinute = "select count(*) from contact where expiry_due_at < timestamptz '%s' + interval '61 seconds'"
                .formatted(minuteStart.atOffset(ZoneOffset.UTC));
        assertEquals(DUE_IN_ONE_MINUTE, count(pendingInTheMinute));
        assertTrue(Instant.now().isBefore(minuteStart), "armed before the first deadline");
        report("armed %,d deadlines in %.1f s, first one due %s", DUE_IN_ONE_MINUTE, seconds(setupStart), minuteStart);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() -> count(pendingInTheMinute) == 0);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        select percentile_cont(0.5) within group (order by l), percentile_cont(0.99) within group (order by l),
                               max(l), count(*)
                        from (select extract(epoch from expired_emitted_at - window_expires_at) * 1000 as l
                              from contact where window_expires_at between timestamptz '%s' and timestamptz '%s' + interval '61 seconds'
                                and expired_emitted_at is not null) as lateness
                        """.formatted(minuteStart.atOffset(ZoneOffset.UTC), minuteStart.atOffset(ZoneOffset.UTC)))) {
            rs.next();
            report("lateness (broker ack minus deadline) of %,d windows due within one minute, poll 1 s, batch 500, 2 workers: "
                    + "p50 %.0f ms, p99 %.0f ms, max %.0f ms", rs.getLong(4), rs.getDouble(1), rs.getDouble(2), rs.getDouble(3));
            assertEquals(DUE_IN_ONE_MINUTE, rs.getLong(4));
        }
    }

    private static String randomContact() {
        return "+62810" + String.format("%08d", ThreadLocalRandom.current().nextInt(CONTACTS));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void report(String format, Object... args) {
        System.out.printf("BENCHMARK " + format + "%n", args);
    }
}
