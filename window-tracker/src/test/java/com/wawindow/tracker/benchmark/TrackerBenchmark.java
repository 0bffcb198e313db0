package com.wawindow.tracker.benchmark;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.serde.EventSerializer;
import com.wawindow.infra.TestInfrastructure;
import com.wawindow.tracker.TrackerKafka;
import com.wawindow.tracker.repository.ContactDelta;
import com.wawindow.tracker.repository.ContactRepository;
import com.wawindow.tracker.repository.DueWindow;
import com.wawindow.tracker.repository.InboundHistoryRepository;
import com.wawindow.tracker.repository.InboundObservation;
import com.wawindow.tracker.repository.ProcessedMessageRepository;
import com.wawindow.tracker.repository.TextArrays;
import com.wawindow.tracker.service.ExpiryEngine;
import com.wawindow.tracker.service.ExpiryScheduler;
import com.wawindow.tracker.service.InboundFold;
import com.wawindow.tracker.service.InboundHistory;
import com.wawindow.tracker.service.WindowPolicy;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Not a timed test: prints the figures of BENCHMARKS.md, each next to a raw baseline of the same work measured in the
 * same run on the same broker and database, as {@code BENCH|} table lines ({@code ./bench.sh} collects them). Run with
 * {@code ./bench.sh} or {@code ./mvnw -pl window-tracker verify -Pbenchmarks} ({@code -Dbench.lateness-only=true}: the
 * lateness figure alone). One method, because every figure is
 * taken on the same 1,000,000-contact table.
 */
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
class TrackerBenchmark {

    private static final int CONTACTS = 1_000_000;
    /** 20% of the inbound messages are for these few contacts (repeat writers); 5% are redeliveries. */
    private static final int HOT_CONTACTS = 10_000;
    private static final int WARM_UP_EVENTS = Integer.getInteger("bench.warm-up-events", 40_000);
    private static final int INBOUND_EVENTS = Integer.getInteger("bench.inbound-events", 400_000);
    private static final Duration BASELINE_TIME = Duration.ofSeconds(20);
    private static final int DUE_IN_ONE_MINUTE = 100_000;
    private static final int BACKLOG = Integer.getInteger("bench.backlog", 150_000);
    private static final int BATCH = 500;

    private final Random random = new Random(13);
    private int sequence;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    WindowPolicy policy;

    @Inject
    InboundHistory history;

    @Inject
    ExpiryEngine engine;

    @Inject
    ExpiryScheduler scheduler;

    @Inject
    ChannelRegistry channels;

    @Inject
    MeterRegistry registry;

    @Test
    void figures() throws Exception {
        long loadStart = System.nanoTime();
        loadClosedContacts();
        report("load %,d contacts (closed windows, nothing pending): %.1f s", CONTACTS, seconds(loadStart));
        if (Boolean.getBoolean("bench.lateness-only")) {
            latenessOfOneMinuteOfDeadlines();
            return;
        }

        int maxPoll = Integer.parseInt(BenchmarkProfile.MAX_POLL_RECORDS);
        int consumers = consumers();
        applyThroughTheConsumer(WARM_UP_EVENTS, "warm-up");
        double applied = applyThroughTheConsumer(INBOUND_EVENTS, "measured");
        double raw = applyOverPlainJdbc(maxPoll, consumers);
        row("tracker: inbound events/s applied (1M contacts, 20% repeated, 5% duplicates; " + consumers
                + " consumer(s), max.poll.records " + maxPoll + ")", applied, "20,000/s and >= 1/6 of raw",
                "same batched statements over plain JDBC, " + consumers + " connection(s)", raw,
                applied >= 20_000 && applied / raw >= 1.0 / 6);

        dueWindowQuery();
        double engineRate = engineDrainRate();
        double rawRate = rawClaimAndMarkLoop();
        row("expiry: backlog drained by one engine thread, windows/s", engineRate, "-",
                "plain JDBC claim-and-mark loop + bare producer (acks=all)", rawRate, true);
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
        execute("vacuum analyze contact");
    }

    /** 20% for the hot contacts, 80% for any of the 1M; 5% redeliveries of one of the last 1,000 messages. */
    private List<InboundMessageReceived> stream(int size) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<InboundMessageReceived> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            if (events.size() > 1_000 && random.nextInt(100) < 5) {
                events.add(events.get(events.size() - 1 - random.nextInt(1_000)));
                continue;
            }
            int contact = random.nextInt(100) < 20 ? random.nextInt(HOT_CONTACTS) : random.nextInt(CONTACTS);
            events.add(TrackerKafka.inbound("+62810" + String.format("%08d", contact), "SMb" + (sequence++) + "x" + now.toEpochMilli(),
                    now.plusMillis(i)));
        }
        return events;
    }

    /** Published while the consumer is paused, then timed from resume until the last new sid is in the table. */
    private double applyThroughTheConsumer(int size, String phase) throws Exception {
        List<InboundMessageReceived> events = stream(size);
        long unique = events.stream().map(InboundMessageReceived::messageSid).distinct().count();
        long before = count("select count(*) from processed_message");
        List<PausableChannel> copies = inboundChannelCopies();
        copies.forEach(PausableChannel::pause);
        long publishStart = System.nanoTime();
        for (InboundMessageReceived event : events) {
            TrackerKafka.get().publishAsync(event);
        }
        TrackerKafka.get().flush();
        double published = seconds(publishStart);
        long start = System.nanoTime();
        copies.forEach(PausableChannel::resume);
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(50))
                .until(() -> count("select count(*) from processed_message") - before >= unique);
        double applied = seconds(start);
        report("%s: apply %,d inbound events (%,d distinct sids) through the Kafka batch consumer: %.1f s = %,.0f events/s "
                + "(publishing them took %.1f s before)", phase, size, unique, applied, size / applied, published);
        return size / applied;
    }

    /** The inbound channel's copies (its {@code concurrency}), each a consumer of the group. */
    private static int consumers() {
        return ConfigProvider.getConfig()
                .getOptionalValue("mp.messaging.incoming.inbound-messages.concurrency", Integer.class).orElse(1);
    }

    /** The inbound channel's consumers: the channel itself, or its copies {@code inbound-messages$1 ..}. */
    private List<PausableChannel> inboundChannelCopies() {
        int consumers = consumers();
        List<PausableChannel> copies = new ArrayList<>();
        if (consumers <= 1) {
            copies.add(channels.getPausable("inbound-messages"));
        } else {
            for (int i = 1; i <= consumers; i++) {
                copies.add(channels.getPausable("inbound-messages$" + i));
            }
        }
        assertTrue(copies.stream().allMatch(Objects::nonNull), "every inbound consumer is pausable: " + copies);
        return copies;
    }

    /**
     * Baseline: the statements the applier sends per poll (one de-duplication insert, one upsert per round of folded
     * rows, the history's insert and trim), prepared in advance, over plain JDBC, a transaction per batch, for 20 s; as many connections as the tracker
     * has consumers, each with the events of its own contacts (as the partitions split them), all at once.
     */
    private double applyOverPlainJdbc(int batchSize, int connections) throws Exception {
        int size = 600_000;
        List<InboundMessageReceived> events = stream(size);
        List<List<InboundMessageReceived>> slices = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            slices.add(new ArrayList<>());
        }
        for (InboundMessageReceived event : events) {
            slices.get(Math.floorMod(event.contactId().hashCode(), connections)).add(event);
        }
        List<Callable<Integer>> workers = new ArrayList<>();
        for (List<InboundMessageReceived> slice : slices) {
            Prepared prepared = prepare(slice, batchSize);
            workers.add(() -> runPrepared(prepared));
        }
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        long start = System.nanoTime();
        int done = 0;
        try {
            for (Future<Integer> result : pool.invokeAll(workers)) {
                done += result.get();
            }
        } finally {
            pool.shutdown();
        }
        double elapsed = seconds(start);
        report("baseline: the same statements over plain JDBC, %d connection(s), batches of %d: %,d events in %.1f s = %,.0f events/s",
                connections, batchSize, done, elapsed, done / elapsed);
        return done / elapsed;
    }

    /** One connection's batches: the sids to record and the folded upsert rounds of each. */
    private record Prepared(int batchSize, int size, List<String[]> sidBatches, List<List<String[][]>> upsertBatches,
            List<String[][]> historyRows, List<String[]> historyContacts) {
    }

    private Prepared prepare(List<InboundMessageReceived> events, int batchSize) {
        int size = events.size();
        List<String[]> sidBatches = new ArrayList<>();
        List<List<String[][]>> upsertBatches = new ArrayList<>();
        List<String[][]> historyRows = new ArrayList<>();
        List<String[]> historyContacts = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int from = 0; from < size; from += batchSize) {
            List<InboundMessageReceived> batch = events.subList(from, Math.min(size, from + batchSize));
            Set<String> sids = new LinkedHashSet<>();
            List<InboundObservation> fresh = new ArrayList<>();
            List<InboundHistoryRepository.Entry> entries = new ArrayList<>();
            for (InboundMessageReceived e : batch) {
                sids.add(e.messageSid());
                if (seen.add(e.messageSid())) {
                    fresh.add(policy.observe(e));
                    entries.add(history.entry(e));
                }
            }
            historyRows.add(InboundHistoryRepository.arrays(entries));
            historyContacts.add(InboundHistoryRepository.touched(entries));
            sidBatches.add(sids.toArray(String[]::new));
            List<String[][]> rounds = new ArrayList<>();
            for (List<ContactDelta> round : InboundFold.rounds(fresh)) {
                rounds.add(ContactRepository.arrays(round));
            }
            upsertBatches.add(rounds);
        }
        return new Prepared(batchSize, size, sidBatches, upsertBatches, historyRows, historyContacts);
    }

    /** Runs one connection's batches for {@link #BASELINE_TIME}; how many events they held. */
    private int runPrepared(Prepared prepared) throws SQLException {
        int done = 0;
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement dedupe = connection.prepareStatement(ProcessedMessageRepository.RECORD_FIRST_SEEN);
                PreparedStatement upsert = connection.prepareStatement(ContactRepository.UPSERT);
                PreparedStatement historyInsert = connection.prepareStatement(InboundHistoryRepository.INSERT);
                PreparedStatement historyTrim = connection.prepareStatement(InboundHistoryRepository.TRIM)) {
            connection.setAutoCommit(false);
            List<String[]> sidBatches = prepared.sidBatches();
            for (int b = 0; b < sidBatches.size() && System.nanoTime() - start < BASELINE_TIME.toNanos(); b++) {
                dedupe.setObject(1, Instant.now().atOffset(ZoneOffset.UTC));
                dedupe.setArray(2, connection.createArrayOf("text", sidBatches.get(b)));
                try (ResultSet rs = dedupe.executeQuery()) {
                    while (rs.next()) {
                        // the new sids
                    }
                }
                for (String[][] round : prepared.upsertBatches().get(b)) {
                    TextArrays.bind(connection, upsert, round);
                    upsert.executeUpdate();
                }
                if (history.keep() > 0) {
                    TextArrays.bind(connection, historyInsert, prepared.historyRows().get(b));
                    historyInsert.executeUpdate();
                    historyTrim.setArray(1, connection.createArrayOf("text", prepared.historyContacts().get(b)));
                    historyTrim.setInt(2, history.keep() - 1);
                    historyTrim.executeUpdate();
                }
                connection.commit();
                done += Math.min(prepared.batchSize(), prepared.size() - b * prepared.batchSize());
            }
            connection.setAutoCommit(true);
        }
        return done;
    }

    /** The claim query as the engine runs it, with ~500 windows due among 1,000,000 rows. */
    private void dueWindowQuery() throws SQLException {
        Instant base = Instant.now().plus(Duration.ofDays(30));
        execute("update contact set expiry_due_at = timestamptz '" + base.atOffset(ZoneOffset.UTC)
                + "' + (random() * interval '1 hour') where contact_id in (select contact_id from contact order by random() limit 20000)");
        execute("analyze contact");
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
                report("EXPLAIN ANALYZE of the claim query at 1,000,000 contacts:%n%s", plan);
                assertTrue(plan.toString().contains("contact_expiry_due"), "the claim uses the partial index");
            }
            connection.rollback();
            connection.setAutoCommit(true);
        }
        execute("update contact set expiry_due_at = null where expiry_due_at > now() + interval '29 days'");
    }

    private void armBacklog(int size) throws SQLException {
        execute("""
                update contact set expiry_due_at = window_expires_at, expired_emitted_at = null where contact_id in
                    (select contact_id from contact where last_message_at < now() - interval '25 hours'
                     and expiry_due_at is null order by random() limit %d)
                """.formatted(size));
        execute("vacuum analyze contact");
    }

    /** How fast one engine works off a backlog (a tracker back from downtime), scheduler paused. */
    private double engineDrainRate() throws SQLException {
        scheduler.pause();
        try {
            armBacklog(BACKLOG);
            long start = System.nanoTime();
            int emitted = 0;
            while (true) {
                int n = engine.emitDueExpirations(Instant.now());
                if (n == 0) {
                    break;
                }
                emitted += n;
            }
            double elapsed = seconds(start);
            report("one engine thread drains a backlog of %,d due windows: %.1f s = %,.0f windows/s", emitted, elapsed,
                    emitted / elapsed);
            assertEquals(BACKLOG, emitted);
            return emitted / elapsed;
        } finally {
            scheduler.resume();
        }
    }

    /**
     * Baseline of the engine: the same claim, the same events serialized, a bare producer (acks=all, idempotent) waiting
     * for the acknowledgements, the same mark, one thread, plain JDBC.
     */
    private double rawClaimAndMarkLoop() throws Exception {
        scheduler.pause();
        Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        EventSerializer<WindowExpired> serializer = new EventSerializer<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new ByteArraySerializer()); Connection connection = dataSource.getConnection();
                PreparedStatement claim = connection.prepareStatement("select contact_id, contact_address, business_address,"
                        + " profile_name, last_message_at, window_expires_at, last_message_sid, opted_out, entry_point_expires_at,"
                        + " expiry_due_at from contact where expiry_due_at <= ? order by expiry_due_at limit ? for update skip locked");
                PreparedStatement mark = connection.prepareStatement(
                        "update contact set expiry_due_at = null, expired_emitted_at = ? where contact_id = any (?)")) {
            armBacklog(BACKLOG);
            connection.setAutoCommit(false);
            long start = System.nanoTime();
            int emitted = 0;
            while (true) {
                Instant now = Instant.now();
                claim.setObject(1, now.atOffset(ZoneOffset.UTC));
                claim.setInt(2, BATCH);
                List<String> ids = new ArrayList<>(BATCH);
                List<Future<?>> sends = new ArrayList<>(BATCH);
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        DueWindow window = new DueWindow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getObject(5, java.time.OffsetDateTime.class).toInstant(),
                                rs.getObject(6, java.time.OffsetDateTime.class).toInstant(), rs.getString(7), rs.getBoolean(8),
                                null, rs.getObject(10, java.time.OffsetDateTime.class).toInstant());
                        ids.add(window.contactId());
                        sends.add(producer.send(new ProducerRecord<>(Topics.WINDOW_EXPIRED, window.contactId(),
                                serializer.serialize(Topics.WINDOW_EXPIRED, policy.expiredEvent(window, now)))));
                    }
                }
                if (ids.isEmpty()) {
                    connection.commit();
                    break;
                }
                for (Future<?> send : sends) {
                    send.get(30, TimeUnit.SECONDS);
                }
                mark.setObject(1, Instant.now().atOffset(ZoneOffset.UTC));
                mark.setArray(2, connection.createArrayOf("text", ids.toArray(String[]::new)));
                mark.executeUpdate();
                connection.commit();
                emitted += ids.size();
            }
            connection.setAutoCommit(true);
            double elapsed = seconds(start);
            report("baseline: plain JDBC claim-and-mark loop with a bare producer drains %,d due windows: %.1f s = %,.0f windows/s",
                    emitted, elapsed, emitted / elapsed);
            assertEquals(BACKLOG, emitted);
            return emitted / elapsed;
        } finally {
            scheduler.resume();
        }
    }

    /**
     * 100,000 windows closing within the same minute and, on other contacts, 100,000 expiring-soon notices due in that
     * minute; the running engine emits both. Lateness = broker ack (expired_emitted_at) minus deadline.
     */
    private void latenessOfOneMinuteOfDeadlines() throws SQLException {
        Instant minuteStart = Instant.now().plusSeconds(60);
        long setupStart = System.nanoTime();
        execute("""
                update contact set window_expires_at = d, last_message_at = d - interval '24 hours', expiry_due_at = d,
                        expiring_soon_due_at = null, expired_emitted_at = null
                from (select id, timestamptz '%s' + random() * interval '60 seconds' as d
                      from (select contact_id as id from contact
                            where last_message_at < now() - interval '25 hours' and expiry_due_at is null
                            order by random() limit %d) as picked) as due
                where contact_id = due.id
                """.formatted(minuteStart.atOffset(ZoneOffset.UTC), DUE_IN_ONE_MINUTE));
        execute("""
                update contact set window_expires_at = d + interval '1 hour', last_message_at = d - interval '23 hours',
                        expiring_soon_due_at = d, expiry_due_at = d + interval '1 hour', expired_emitted_at = null
                from (select id, timestamptz '%s' + random() * interval '60 seconds' as d
                      from (select contact_id as id from contact
                            where last_message_at < now() - interval '25 hours' and expiry_due_at is null
                            order by random() limit %d) as picked) as due
                where contact_id = due.id
                """.formatted(minuteStart.atOffset(ZoneOffset.UTC), DUE_IN_ONE_MINUTE));
        execute("vacuum analyze contact");
        Timer notices = registry.find("window.event.lateness").tag("event", "window-expiring-soon").timer();
        long noticesBefore = notices == null ? 0 : notices.count();
        String pendingInTheMinute = ("select count(*) from contact where expiry_due_at < timestamptz '%1$s' + interval '61 seconds'"
                + " or expiring_soon_due_at < timestamptz '%1$s' + interval '61 seconds'").formatted(minuteStart.atOffset(ZoneOffset.UTC));
        assertEquals(2L * DUE_IN_ONE_MINUTE, count(pendingInTheMinute));
        assertTrue(Instant.now().isBefore(minuteStart), "armed before the first deadline");
        report("armed %,d closes and %,d notices in %.1f s, first one due %s", DUE_IN_ONE_MINUTE, DUE_IN_ONE_MINUTE,
                seconds(setupStart), minuteStart);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() -> count(pendingInTheMinute) == 0);
        String lateness = """
                select extract(epoch from expired_emitted_at - window_expires_at) * 1000 as l,
                       floor(extract(epoch from window_expires_at - timestamptz '%1$s')) as second
                from contact where window_expires_at between timestamptz '%1$s' and timestamptz '%1$s' + interval '61 seconds'
                  and expired_emitted_at is not null""".formatted(minuteStart.atOffset(ZoneOffset.UTC));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try (ResultSet rs = statement.executeQuery("select second, percentile_cont(0.5) within group (order by l),"
                    + " percentile_cont(0.99) within group (order by l), max(l), count(*) from (" + lateness
                    + ") as x group by second order by second")) {
                StringBuilder perSecond = new StringBuilder();
                double worstP99 = 0;
                while (rs.next()) {
                    perSecond.append(String.format("    second %2d: %,5d windows, p50 %6.0f ms, p99 %6.0f ms, max %6.0f ms%n",
                            rs.getInt(1), rs.getInt(5), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)));
                    worstP99 = Math.max(worstP99, rs.getDouble(3));
                }
                report("window-expired lateness per second of the minute:%n%s", perSecond);
                report("worst per-second p99: %.0f ms", worstP99);
            }
            try (ResultSet rs = statement.executeQuery("select percentile_cont(0.5) within group (order by l),"
                    + " percentile_cont(0.99) within group (order by l), max(l), count(*) from (" + lateness + ") as x")) {
                rs.next();
                report("lateness (broker ack minus deadline) of %,d windows due within one minute, notices due alongside: "
                        + "p50 %.0f ms, p99 %.0f ms, max %.0f ms", rs.getLong(4), rs.getDouble(1), rs.getDouble(2), rs.getDouble(3));
                assertEquals(DUE_IN_ONE_MINUTE, rs.getLong(4));
                row("expiry: window-expired lateness p99, 100,000 due in one minute + 100,000 notices, 1M contacts (ms)",
                        rs.getDouble(2), "< 1,000 ms", "p50 / max of the same run", rs.getDouble(1), rs.getDouble(2) < 1_000);
                report("lateness max %.0f ms", rs.getDouble(3));
            }
        }
        notices = registry.find("window.event.lateness").tag("event", "window-expiring-soon").timer();
        HistogramSnapshot snapshot = notices.takeSnapshot();
        StringBuilder percentiles = new StringBuilder();
        for (ValueAtPercentile p : snapshot.percentileValues()) {
            percentiles.append(String.format("p%.0f %.0f ms ", p.percentile() * 100, p.value(TimeUnit.MILLISECONDS)));
        }
        report("window-expiring-soon lateness (tracker's timer, recent window): %d notices, %smax %.0f ms",
                notices.count() - noticesBefore, percentiles, snapshot.max(TimeUnit.MILLISECONDS));
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

    /** One line of the bench table: figure, target, baseline, ratio (figure / baseline), met. */
    private static void row(String figure, double measured, String target, String baseline, double baselineValue, boolean met) {
        System.out.printf("BENCH|%s|%,.0f|%s|%s: %,.0f|%.3f|%s%n", figure, measured, target, baseline, baselineValue,
                measured / baselineValue, met ? "yes" : "no");
    }
}
