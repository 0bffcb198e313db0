package com.wawindow.system;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.EventIds;
import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.serde.EventSerializer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The system bench: the three packaged services as processes ({@link RunningSystem}) on a broker of their own and the
 * shared PostgreSQL, every consumer running as in production, each stage warmed up and then measured for
 * {@code bench.seconds} (20) after {@code bench.warm-up-seconds} (60), each next to a raw baseline of the same work on
 * the same broker or fake in the same run.
 * Prints {@code BENCH|figure|measured|target|baseline|ratio|met} lines, which {@code ./bench.sh} turns into its table.
 * Not a test: run only by the {@code benchmarks} profile ({@code ./bench.sh}, or
 * {@code ./mvnw -pl system-tests verify -Pbenchmarks}); a plain {@code ./mvnw verify} does not pick it up (not an IT).
 *
 * <p>Stages, in order (the next starts when the services consumed what the last one produced):
 * <ol>
 *   <li>ingest at full speed: signed webhooks, every MessageSid new, {@code bench.in-flight} (64) in flight; baseline a
 *       producer as Kafka's ProducerPerformance (send as fast as the buffer takes, acks=all, the ingest's idempotence
 *       and linger) with records of the size ingest published, 10,000 keys as the webhooks' contacts;</li>
 *   <li>1,000 webhooks/s open loop (latency from when a request was due): ingest p50/p99, and one webhook in 20 (of a
 *       contact of its own) polled at the tracker's {@code GET /contacts/{id}/window} every 10 ms until it shows that
 *       MessageSid: end to end; baselines the raw producer at 1,000/s (send to ack, and send to a consumer's poll);</li>
 *   <li>sender with the limiter lifted: window-expired records, kept ~2,000 ahead of the sends, to {@link BareTwilio};
 *       baseline a raw HTTP client posting the same create (32 in flight) to the same fake;</li>
 *   <li>sender at 80 MPS ({@code FOLLOWUP_MPS_OVERRIDES} for one business number): the most creates in any 1-s window;</li>
 *   <li>all along: every service's RSS (sampled every 500 ms; baseline its RSS when ready); before: each service's start to ready, next to a bare
 *       JVM's {@code java -version} with the same flags.</li>
 * </ol>
 */
class SystemBenchmark {

    private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 20));
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("bench.warm-up-seconds", 60));
    private static final int IN_FLIGHT = Integer.getInteger("bench.in-flight", 64);
    private static final int RATE = 1_000;
    private static final int E2E_EVERY = 20;
    private static final int CONTACTS = 10_000;
    private static final int SEND_IN_FLIGHT = 32;
    private static final int SEND_BACKLOG = 2_000;
    private static final String LIMITED_FROM = "whatsapp:+15550000080";
    private static final int LIMITED_MPS = 80;
    private static final String RAW_TOPIC = "bench-raw";
    private static final List<String> MODULES = List.of("ingest-service", "window-tracker", "followup-sender");
    private static final Pattern BUCKET = Pattern.compile(
            "^ingest_publish_latency_seconds_bucket\\{[^}]*le=\"([^\"]+)\"[^}]*} ([0-9.eE+]+)$", Pattern.MULTILINE);

    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Long> maxRss = new ConcurrentHashMap<>();
    /** Work the system lost under load (dead letters): the figures are printed all the same, then the bench fails. */
    private final List<String> failures = new ArrayList<>();

    @Test
    void theSystemUnderLoad() throws Exception {
        System.out.println("BENCH-LOAD system bench start: " + loadAverage());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (BareTwilio bare = new BareTwilio();
                RunningSystem system = RunningSystem.start("bench", Duration.ofHours(1), withRecording("followup-sender", Map.of(
                        "TWILIO_API_BASE_URL", bare.baseUrl(),
                        // no fixed From: each create goes from its window's business number, so one number can be
                        // limited to 80 MPS while the others are not limited at all
                        "TWILIO_WHATSAPP_FROM", "",
                        "FOLLOWUP_MAX_MPS", "1000000",
                        "FOLLOWUP_MPS_OVERRIDES", LIMITED_FROM + "=" + LIMITED_MPS)), Secrets.random(),
                        new RunningSystem.Setup(null, withRecording("window-tracker", Map.of()),
                                withRecording("ingest-service", Map.of()), null, 0)); // as the figures so far
                Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers()))) {
            double javaVersion = bareJvmStartMillis();
            System.out.println("BENCH-INFO services' JVM options: " + ServiceProcess.JAVA_OPTIONS);
            for (String module : MODULES) {
                startUpLines(system.log(module)).forEach(line -> System.out.println("BENCH-INFO " + module + " start: " + line));
                row("start to ready: " + module + " (ms)", system.readyAfter(module).toMillis(), "<= 3,000",
                        "bare JVM, java -version", javaVersion, system.readyAfter(module).toMillis() <= 3_000);
            }
            Map<String, Long> parts = new java.util.LinkedHashMap<>();
            MODULES.forEach(module -> parts.put(module, system.pid(module)));
            parts.put("kafka broker", system.brokerPid());
            parts.put("bench JVM (load, fake Twilio)", ProcessHandle.current().pid());
            CpuUse cpu = new CpuUse(parts, com.wawindow.infra.TestInfrastructure.sharedDatabase());
            sampler.scheduleAtFixedRate(cpu::sampleRunnable, 0, 100, TimeUnit.MILLISECONDS);
            Map<String, Long> idleRss = new HashMap<>();
            MODULES.forEach(module -> idleRss.put(module, system.rssMiB(module)));
            sampler.scheduleAtFixedRate(() -> MODULES.forEach(module -> maxRss.merge(module, system.rssMiB(module), Math::max)),
                    0, 500, TimeUnit.MILLISECONDS);
            admin.createTopics(List.of(new NewTopic(RAW_TOPIC, partitions(admin, Topics.INBOUND_MESSAGES), (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);

            Webhooks webhooks = new Webhooks(vertx, system);
            webhooks.closedLoop(WARM_UP);
            awaitConsumed(admin, Topics.INBOUND_MESSAGES, "window-tracker", "followup-sender-inbound");
            int recordSize = averageValueSize(system.bootstrapServers(), Topics.INBOUND_MESSAGES);
            CpuUse.Snapshot ingestFrom = cpu.snapshot();
            double ingested = webhooks.closedLoop(MEASURE);
            CpuUse.Snapshot ingestTo = cpu.snapshot();
            Duration drain = awaitConsumed(admin, Topics.INBOUND_MESSAGES, "window-tracker", "followup-sender-inbound");
            CpuUse.Snapshot consumedTo = cpu.snapshot();
            System.out.printf(Locale.ROOT, "BENCH-INFO tracker and sender consumed the full-speed webhooks %d s after the last%n",
                    drain.toSeconds());
            double webhooksAtFullSpeed = ingested * MEASURE.toSeconds();
            cpu.print("ingest at full speed", ingestFrom, ingestTo, webhooksAtFullSpeed, "webhooks");
            double ingestCeiling = cpu.print("ingest at full speed, until tracker and sender consumed it", ingestFrom,
                    consumedTo, webhooksAtFullSpeed, "webhooks");
            RawProducer raw = new RawProducer(system.bootstrapServers(), recordSize);
            raw.flatOut(WARM_UP.dividedBy(2));
            CpuUse.Snapshot rawFrom = cpu.snapshot();
            double rawRate = raw.flatOut(MEASURE);
            double rawCeiling = cpu.print("raw producer", rawFrom, cpu.snapshot(), rawRate * MEASURE.toSeconds(), "records");
            row("ingest: signed webhooks/s, " + IN_FLIGHT + " in flight, unique MessageSids", ingested,
                    ">= 5,000/s, ratio >= 0.125", "raw producer acks=all, " + recordSize + " B records (/s)", rawRate,
                    ingested >= 5_000 && ingested / rawRate >= 0.125);
            row("ingest: the box's ceiling, 2 cores / whole-box CPU per webhook until consumed (/s)", ingestCeiling,
                    ">= 5,000/s", "same for the raw producer's records (/s)", rawCeiling, ingestCeiling >= 5_000);

            Map<Double, Double> publishBefore = publishBuckets(system);
            CpuUse.Snapshot openFrom = cpu.snapshot();
            Latencies open = webhooks.openLoop(MEASURE);
            CpuUse.Snapshot openTo = cpu.snapshot();
            Map<Double, Double> publishAfter = publishBuckets(system);
            awaitConsumed(admin, Topics.INBOUND_MESSAGES, "window-tracker", "followup-sender-inbound");
            cpu.print("1,000 webhooks/s", openFrom, openTo, open.ingest.count(), "webhooks");
            Latencies rawLatency = raw.atRate(MEASURE);
            row("ingest: p50 at 1,000/s (ms)", open.ingest.percentile(50), "-", "raw producer send to ack p50",
                    rawLatency.ingest.percentile(50), true);
            row("ingest: p99 at 1,000/s (ms)", open.ingest.percentile(99), "< 25 ms", "raw producer send to ack p99",
                    rawLatency.ingest.percentile(99), open.ingest.percentile(99) < 25);
            row("ingest: publish to broker ack inside ingest, p99 at 1,000/s (ms, histogram bucket)",
                    bucketPercentile(publishBefore, publishAfter, 0.99) * 1_000, "-", "raw producer send to ack p99",
                    rawLatency.ingest.percentile(99), true);
            row("end to end: webhook to GET window, p50 at 1,000/s (ms)", open.endToEnd.percentile(50), "-",
                    "raw produce to consume p50", rawLatency.endToEnd.percentile(50), true);
            row("end to end: webhook to GET window, p99 at 1,000/s (ms)", open.endToEnd.percentile(99), "< 200 ms",
                    "raw produce to consume p99", rawLatency.endToEnd.percentile(99), open.endToEnd.percentile(99) < 200);
            System.out.printf(Locale.ROOT, "BENCH-INFO 1,000/s: %d webhooks, %d not 200, %d of %d end-to-end samples not seen%n",
                    open.ingest.count(), open.failed, open.unseen, open.endToEnd.count() + open.unseen);

            try (WindowsExpiring expiring = new WindowsExpiring(system.bootstrapServers(), admin)) {
                expiring.sendsPerSecond(bare, WARM_UP);
                int sendsBase = bare.count();
                CpuUse.Snapshot sendFrom = cpu.snapshot();
                double sends = expiring.sendsPerSecond(bare, MEASURE);
                double sendCeiling = cpu.print("sender, limiter lifted, until the backlog was sent", sendFrom,
                        cpu.snapshot(), bare.count() - sendsBase, "sends");
                RawSends rawClient = new RawSends(vertx, bare);
                rawClient.run(WARM_UP.dividedBy(2));
                int rawBase = bare.count();
                CpuUse.Snapshot rawSendFrom = cpu.snapshot();
                double rawSends = rawClient.run(MEASURE);
                double rawSendCeiling = cpu.print("raw HTTP client", rawSendFrom, cpu.snapshot(), bare.count() - rawBase,
                        "sends");
                row("sender: sends/s from window-expired, limiter lifted", sends, ">= 1,000/s",
                        "raw HTTP client, " + SEND_IN_FLIGHT + " in flight, same fake (/s)", rawSends, sends >= 1_000);
                row("sender: the box's ceiling, 2 cores / whole-box CPU per send (/s)", sendCeiling, ">= 1,000/s",
                        "same for the raw client's creates (/s)", rawSendCeiling, sendCeiling >= 1_000);
                int most = expiring.mostInAnySecond(bare);
                row("sender: most creates in any 1-s window at " + LIMITED_MPS + " MPS", most, "<= " + LIMITED_MPS,
                        "the limit", LIMITED_MPS, most <= LIMITED_MPS);
            }
            sampler.shutdownNow();
            for (String module : MODULES) {
                nativeMemory(system.pid(module)).forEach(line -> System.out.println("BENCH-INFO " + module + " memory: " + line));
            }
            for (String module : MODULES) {
                long rss = maxRss.getOrDefault(module, -1L);
                row("RSS under load, max: " + module + " (MiB)", rss, "<= 256 MiB", "RSS when ready, idle", idleRss.get(module),
                        rss <= 256);
            }
            assertTrue(ingested > 0 && open.ingest.count() > 0, "no webhook was answered 200");
            assertTrue(failures.isEmpty(), "lost work under load: " + failures);
        } finally {
            sampler.shutdownNow();
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            System.out.println("BENCH-LOAD system bench end: " + loadAverage());
        }
    }

    /**
     * With {@code -Dbench.jfr=true}, the service records a JFR profile (target/jfr/&lt;module&gt;.jfr, written when it
     * stops): where its time went under load.
     */
    private static Map<String, String> withRecording(String module, Map<String, String> env) throws IOException {
        if (!Boolean.getBoolean("bench.jfr")) {
            return env;
        }
        Files.createDirectories(Path.of("target", "jfr"));
        Map<String, String> recorded = new HashMap<>(env);
        recorded.put("JAVA_TOOL_OPTIONS", "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                + Path.of("target", "jfr", module + ".jfr").toAbsolutePath());
        return recorded;
    }

    /** Signed inbound webhooks to ingest over one Vert.x event loop, each with a MessageSid never sent before. */
    private final class Webhooks {
        private final Vertx vertx;
        private final RunningSystem system;
        private final HttpClient ingest;
        private final HttpClient tracker;
        private final String url;
        private final String token;

        Webhooks(Vertx vertx, RunningSystem system) {
            this.vertx = vertx;
            this.system = system;
            this.url = system.webhookUrl();
            this.token = system.secrets.webhookToken();
            this.ingest = client(vertx, system.url("ingest-service"), IN_FLIGHT);
            this.tracker = client(vertx, system.url("window-tracker"), 32);
        }

        private Future<Integer> post(Signed webhook) {
            return ingest.request(HttpMethod.POST, URI.create(url).getPath()).compose(http -> http
                    .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                    .putHeader("X-Twilio-Signature", webhook.signature())
                    .send(webhook.body())
                    .compose(response -> response.body().map(body -> response.statusCode())));
        }

        private Signed next(String contact) {
            long n = sequence.incrementAndGet();
            String sid = String.format(Locale.ROOT, "SM%032x", n);
            Map<String, String> params = RunningSystem.inbound(contact, sid, "Bench " + n,
                    "Halo, saya mau tanya soal pesanan nomor " + n);
            return new Signed(sid, Buffer.buffer(form(params)), TwilioSignature.sign(token, url, params));
        }

        private String pooledContact() {
            return "+62812" + (1_000_000 + sequence.get() % CONTACTS);
        }

        /** {@code IN_FLIGHT} webhooks always in flight for {@code duration}: webhooks answered 200 per second. */
        double closedLoop(Duration duration) throws Exception {
            return SystemBenchmark.closedLoop(vertx, duration, IN_FLIGHT, () -> post(next(pooledContact())), 200);
        }

        /** {@code RATE} webhooks a second, each timed from when it was due; every {@code E2E_EVERY}th also end to end. */
        Latencies openLoop(Duration duration) throws Exception {
            int total = (int) (RATE * duration.toSeconds());
            long[] ingestNanos = new long[total];
            int samples = (total + E2E_EVERY - 1) / E2E_EVERY;
            long[] endToEndNanos = new long[samples];
            Arrays.fill(endToEndNanos, -1);
            AtomicInteger pending = new AtomicInteger(total + samples);
            AtomicInteger failed = new AtomicInteger();
            CompletableFuture<Void> finished = new CompletableFuture<>();
            Runnable done = () -> {
                if (pending.decrementAndGet() == 0) {
                    finished.complete(null);
                }
            };
            long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
            long start = System.nanoTime();
            long run = sequence.get();
            int[] sent = {0};
            vertx.setPeriodic(1, timer -> {
                long due = Math.min(total, (System.nanoTime() - start) / interval + 1);
                while (sent[0] < due) {
                    int index = sent[0]++;
                    long dueAt = start + index * interval;
                    boolean sampled = index % E2E_EVERY == 0;
                    Signed webhook = next(sampled ? "+62813" + (10_000_000 + run + index) : pooledContact());
                    post(webhook).onComplete(outcome -> {
                        ingestNanos[index] = System.nanoTime() - dueAt;
                        boolean ok = outcome.succeeded() && outcome.result() == 200;
                        if (!ok) {
                            failed.incrementAndGet();
                        }
                        if (sampled) {
                            if (ok) {
                                poll("+62813" + (10_000_000 + run + index), webhook.sid(), dueAt,
                                        endToEndNanos, index / E2E_EVERY, done);
                            } else {
                                done.run();
                            }
                        }
                        done.run();
                    });
                }
                if (sent[0] == total) {
                    vertx.cancelTimer(timer);
                }
            });
            finished.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
            long[] seen = Arrays.stream(endToEndNanos).filter(nanos -> nanos >= 0).toArray();
            return new Latencies(new Sample(ingestNanos), new Sample(seen), failed.get(), endToEndNanos.length - seen.length);
        }

        /** GET the contact's window until it shows the MessageSid (every 10 ms, for 60 s at most). */
        private void poll(String contact, String sid, long dueAt, long[] endToEnd, int slot, Runnable done) {
            tracker.request(HttpMethod.GET, "/contacts/" + contact.replace("+", "%2B") + "/window").compose(http -> http
                    .putHeader("Authorization", "Bearer " + system.secrets.viewerKey())
                    .send()
                    .compose(response -> response.body().map(body -> response.statusCode() == 200
                            && body.toString().contains("\"" + sid + "\""))))
                    .onComplete(outcome -> {
                        long now = System.nanoTime();
                        if (outcome.succeeded() && outcome.result()) {
                            endToEnd[slot] = now - dueAt;
                            done.run();
                        } else if (now - dueAt > TimeUnit.SECONDS.toNanos(60)) {
                            done.run();
                        } else {
                            vertx.setTimer(10, ignored -> poll(contact, sid, dueAt, endToEnd, slot, done));
                        }
                    });
        }
    }

    /** The sender's Create Message, as a raw HTTP client would post it to the same fake. */
    private final class RawSends {
        private final Vertx vertx;
        private final HttpClient client;
        private final String path = RunningSystem.MESSAGES_PATH;
        private final String authorization = "Basic " + Base64.getEncoder().encodeToString(
                (RunningSystem.ACCOUNT_SID + ":token").getBytes(StandardCharsets.UTF_8));

        RawSends(Vertx vertx, BareTwilio bare) {
            this.vertx = vertx;
            this.client = client(vertx, bare.baseUrl(), SEND_IN_FLIGHT);
        }

        double run(Duration duration) throws Exception {
            return SystemBenchmark.closedLoop(vertx, duration, SEND_IN_FLIGHT, this::create, 201);
        }

        private Future<Integer> create() {
            Map<String, String> create = new TreeMap<>(Map.of("To", "whatsapp:+62814" + sequence.incrementAndGet(),
                    "From", RunningSystem.BUSINESS, "ContentSid", RunningSystem.CONTENT_SID,
                    "ContentVariables", "{\"1\":\"Bench\"}"));
            return client.request(HttpMethod.POST, path).compose(http -> http
                    .putHeader("Content-Type", "application/x-www-form-urlencoded")
                    .putHeader("Authorization", authorization)
                    .send(form(create))
                    .compose(response -> response.body().map(body -> response.statusCode())));
        }
    }

    /**
     * {@code inFlight} requests always in flight for {@code duration}, each started when the one before it answered,
     * on one Vert.x context: requests per second answered with {@code expectedStatus}.
     */
    private static double closedLoop(Vertx vertx, Duration duration, int inFlight, Supplier<Future<Integer>> request,
            int expectedStatus) throws Exception {
        ClosedLoop loop = new ClosedLoop(System.nanoTime() + duration.toNanos(), inFlight, request, expectedStatus);
        long start = System.nanoTime();
        vertx.runOnContext(ignored -> {
            for (int i = 0; i < inFlight; i++) {
                loop.next();
            }
        });
        loop.finished.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
        return loop.ok.get() * 1e9 / (System.nanoTime() - start);
    }

    /** One closed loop's state: each answer starts the next request until the end, then the last one finishes it. */
    private static final class ClosedLoop {
        private final long endNanos;
        private final Supplier<Future<Integer>> request;
        private final int expectedStatus;
        private final AtomicInteger running;
        private final AtomicInteger ok = new AtomicInteger();
        private final CompletableFuture<Void> finished = new CompletableFuture<>();

        ClosedLoop(long endNanos, int inFlight, Supplier<Future<Integer>> request, int expectedStatus) {
            this.endNanos = endNanos;
            this.request = request;
            this.expectedStatus = expectedStatus;
            this.running = new AtomicInteger(inFlight);
        }

        void next() {
            if (System.nanoTime() >= endNanos) {
                if (running.decrementAndGet() == 0) {
                    finished.complete(null);
                }
                return;
            }
            request.get().onComplete(outcome -> {
                if (outcome.succeeded() && outcome.result() == expectedStatus) {
                    ok.incrementAndGet();
                }
                next();
            });
        }
    }

    /** Window-expired records for contacts of their own, as the tracker publishes them, straight to the topic. */
    private final class WindowsExpiring implements AutoCloseable {
        private final KafkaProducer<String, WindowExpired> producer;
        private final Admin admin;
        private long deadLettersSoFar;

        WindowsExpiring(String bootstrapServers, Admin admin) {
            this.admin = admin;
            producer = new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(), new EventSerializer<>());
        }

        private void expire(int count, String business) {
            Instant expiredAt = Instant.now().minusSeconds(1);
            for (int i = 0; i < count; i++) {
                String contact = "+62815" + (10_000_000 + sequence.incrementAndGet());
                String sid = String.format(Locale.ROOT, "SM%032x", sequence.get());
                producer.send(new ProducerRecord<>(Topics.WINDOW_EXPIRED, contact, new WindowExpired(
                        EventIds.windowExpired(contact, sid), WindowExpired.CURRENT_VERSION, contact, "whatsapp:" + contact,
                        business, "Bench", expiredAt.minus(Duration.ofHours(24)), expiredAt, sid, false, false)));
            }
            producer.flush();
        }

        /**
         * Keeps {@code SEND_BACKLOG} windows closed and not yet followed up for {@code duration}: creates at the fake
         * per second in that time; then waits until every follow-up arrived.
         */
        double sendsPerSecond(BareTwilio bare, Duration duration) throws Exception {
            int base = bare.count();
            int produced = 0;
            expire(SEND_BACKLOG, RunningSystem.BUSINESS);
            produced += SEND_BACKLOG;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (bare.count() == base && System.nanoTime() < deadline) {
                Thread.sleep(10); // until the sender's first create: the measured window starts at full backlog
            }
            long from = System.currentTimeMillis();
            long to = from + duration.toMillis();
            while (System.currentTimeMillis() < to) {
                if (produced - (bare.count() - base) < SEND_BACKLOG) {
                    expire(SEND_BACKLOG / 4, RunningSystem.BUSINESS);
                    produced += SEND_BACKLOG / 4;
                }
                Thread.sleep(10);
            }
            long inWindow = Arrays.stream(bare.arrivalsSince(base)).filter(at -> at >= from && at < to).count();
            settled(bare, base, produced);
            return inWindow * 1_000.0 / duration.toMillis();
        }

        /** {@code LIMITED_MPS} × (measured seconds + 2) windows of the limited number at once: the most in any second. */
        int mostInAnySecond(BareTwilio bare) throws Exception {
            int base = bare.count();
            int count = (int) (LIMITED_MPS * (MEASURE.toSeconds() + 2));
            expire(count, LIMITED_FROM);
            settled(bare, base, count);
            long[] arrivals = bare.arrivalsSince(base);
            Arrays.sort(arrivals);
            int most = 0;
            for (int first = 0, last = 0; last < arrivals.length; last++) {
                while (arrivals[last] - arrivals[first] >= 1_000) {
                    first++;
                }
                most = Math.max(most, last - first + 1);
            }
            System.out.printf(Locale.ROOT, "BENCH-INFO %d MPS: %d creates in %.1f s%n", LIMITED_MPS, arrivals.length,
                    (arrivals[arrivals.length - 1] - arrivals[0]) / 1e3);
            return most;
        }

        /**
         * Waits until the sender consumed every window-expired record, then prints how many of the windows got their
         * create and how many records went to the DLQ since the last call instead (every one is a follow-up not sent).
         */
        private void settled(BareTwilio bare, int base, int produced) throws Exception {
            awaitConsumed(admin, Topics.WINDOW_EXPIRED, "followup-sender");
            long deadLetters = endOffsets(admin, Topics.WINDOW_EXPIRED_DLQ);
            System.out.printf(Locale.ROOT, "BENCH-INFO sender: %d windows closed, %d creates, %d dead letters%n",
                    produced, bare.count() - base, deadLetters - deadLettersSoFar);
            if (deadLetters > deadLettersSoFar) {
                failures.add((deadLetters - deadLettersSoFar) + " window-expired records went to the DLQ");
            }
            deadLettersSoFar = deadLetters;
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    /** The raw producer: byte records of ingest's size, keyed by the same contacts, acks=all, ingest's settings. */
    private final class RawProducer {
        private final String bootstrapServers;
        private final int recordSize;

        RawProducer(String bootstrapServers, int recordSize) {
            this.bootstrapServers = bootstrapServers;
            this.recordSize = recordSize;
        }

        private KafkaProducer<String, byte[]> producer() {
            return new KafkaProducer<>(producerConfig(bootstrapServers), new StringSerializer(), new ByteArraySerializer());
        }

        private String key(long n) {
            return "+62812" + (1_000_000 + n % CONTACTS);
        }

        /** As fast as the producer takes them, for {@code duration}: records acknowledged per second. */
        double flatOut(Duration duration) {
            AtomicLong acked = new AtomicLong();
            byte[] value = new byte[recordSize];
            try (KafkaProducer<String, byte[]> producer = producer()) {
                long start = System.nanoTime();
                long end = start + duration.toNanos();
                for (long n = 0; System.nanoTime() < end; n++) {
                    producer.send(new ProducerRecord<>(RAW_TOPIC, key(n), value), (metadata, error) -> {
                        if (error == null && System.nanoTime() <= end) {
                            acked.incrementAndGet();
                        }
                    });
                }
                producer.flush();
                return acked.get() * 1e9 / duration.toNanos();
            }
        }

        /** {@code RATE} records a second for {@code duration}: send to ack, and send to a consumer's poll. */
        Latencies atRate(Duration duration) throws Exception {
            int total = (int) (RATE * duration.toSeconds());
            long[] acks = new long[total];
            long[] polls = new long[total];
            AtomicBoolean consuming = new AtomicBoolean(true);
            AtomicInteger polled = new AtomicInteger();
            Properties consumerConfig = new Properties();
            consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
                    new ByteArrayDeserializer()); KafkaProducer<String, byte[]> producer = producer()) {
                List<TopicPartition> partitions = consumer.partitionsFor(RAW_TOPIC).stream()
                        .map(info -> new TopicPartition(RAW_TOPIC, info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                    while (consuming.get() && polled.get() < total) {
                        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                            ByteBuffer value = ByteBuffer.wrap(record.value());
                            int index = value.getInt(8);
                            polls[index] = System.nanoTime() - value.getLong(0);
                            polled.incrementAndGet();
                        }
                    }
                });
                long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
                long start = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    long dueAt = start + i * interval;
                    LockSupport.parkNanos(dueAt - System.nanoTime());
                    byte[] value = ByteBuffer.allocate(Math.max(12, recordSize)).putLong(0, dueAt).putInt(8, i).array();
                    int index = i;
                    producer.send(new ProducerRecord<>(RAW_TOPIC, key(i), value),
                            (metadata, error) -> acks[index] = System.nanoTime() - dueAt);
                }
                producer.flush();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (polled.get() < total && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                consuming.set(false);
                reader.get(10, TimeUnit.SECONDS);
            }
            return new Latencies(new Sample(acks), new Sample(polls), 0, total - polled.get());
        }
    }

    private static Map<String, Object> producerConfig(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return config;
    }

    /** The average value size of the first records of the topic (what ingest published in the warm-up). */
    private static int averageValueSize(String bootstrapServers, String topic) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1_000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long bytes = 0;
            int records = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records < 1_000 && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    bytes += record.value().length;
                    records++;
                }
            }
            if (records == 0) {
                throw new IllegalStateException("ingest published nothing to " + topic);
            }
            return (int) (bytes / records);
        }
    }

    private static int partitions(Admin admin, String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
    }

    /** The sum of the topic's end offsets: how many records it ever had. */
    private static long endOffsets(Admin admin, String topic) throws Exception {
        return ends(admin, topic).values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<TopicPartition, Long> ends(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions(admin, topic); p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((partition, end) -> ends.put(partition, end.offset()));
        return ends;
    }

    /** Waits until every group committed the topic's end offsets (5 minutes at most): how long that took. */
    private static Duration awaitConsumed(Admin admin, String topic, String... groups) throws Exception {
        long start = System.nanoTime();
        Map<TopicPartition, Long> ends = ends(admin, topic);
        for (String group : groups) {
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                boolean caughtUp = ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                        || committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue());
                if (caughtUp) {
                    break;
                }
                if (System.nanoTime() - start > TimeUnit.MINUTES.toNanos(5)) {
                    throw new IllegalStateException(group + " did not consume " + topic + " in 5 minutes");
                }
                Thread.sleep(200);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** ingest's publish-latency histogram (every webhook kind): cumulative count by upper bound in seconds. */
    private static Map<Double, Double> publishBuckets(RunningSystem system) throws IOException, InterruptedException {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        String metrics = http.send(java.net.http.HttpRequest.newBuilder(URI.create(system.url("ingest-service") + "/q/metrics"))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        Map<Double, Double> buckets = new TreeMap<>();
        Matcher bucket = BUCKET.matcher(metrics);
        while (bucket.find()) {
            double le = "+Inf".equals(bucket.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(bucket.group(1));
            buckets.merge(le, Double.parseDouble(bucket.group(2)), Double::sum);
        }
        return buckets;
    }

    /** The upper bound of the bucket holding the given fraction of what was published between the two scrapes. */
    private static double bucketPercentile(Map<Double, Double> before, Map<Double, Double> after, double fraction) {
        double total = after.getOrDefault(Double.POSITIVE_INFINITY, 0.0) - before.getOrDefault(Double.POSITIVE_INFINITY, 0.0);
        for (Map.Entry<Double, Double> bucket : after.entrySet()) {
            if (bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0) >= fraction * total) {
                return bucket.getKey();
            }
        }
        return Double.NaN;
    }

    private static HttpClient client(Vertx vertx, String baseUrl, int connections) {
        URI uri = URI.create(baseUrl);
        return vertx.createHttpClient(new HttpClientOptions().setDefaultHost(uri.getHost()).setDefaultPort(uri.getPort())
                .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(connections));
    }

    private static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /**
     * With {@code -XX:NativeMemoryTracking=summary} in {@code -Dservices.java-options}: what the JVM has committed, by
     * area (heap, class metadata, threads, code, GC, ...), in MB, from {@code jcmd VM.native_memory}; else nothing.
     */
    private static List<String> nativeMemory(long pid) throws IOException, InterruptedException {
        if (!ServiceProcess.JAVA_OPTIONS.contains("NativeMemoryTracking")) {
            return List.of();
        }
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "VM.native_memory", "summary", "scale=MB").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor(30, TimeUnit.SECONDS);
        Matcher area = Pattern.compile("(?m)^(?:Total|-\\s+([A-Za-z ]+?))\\s*[:(]\\s*reserved=(\\d+)MB, committed=(\\d+)MB")
                .matcher(out);
        List<String> lines = new ArrayList<>();
        StringBuilder areas = new StringBuilder();
        while (area.find()) {
            String name = area.group(1) == null ? "total" : area.group(1).trim();
            if (!"0".equals(area.group(3))) {
                areas.append(areas.length() == 0 ? "" : ", ").append(name).append(' ').append(area.group(3));
            }
        }
        lines.add("committed MB by area (NMT): " + areas);
        return lines;
    }

    /** What the service's log says of its start: Flyway's migration and Quarkus's own "started in". */
    private static List<String> startUpLines(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains(" started in ") || line.contains("Successfully applied")
                        || line.contains("Successfully validated") || line.contains("Schema ") && line.contains("is up to date"))
                .map(line -> line.length() > 240 ? line.substring(0, 240) : line)
                .toList();
    }

    /** A bare JVM's start with the services' flags: what no service can start faster than on this box now. */
    private static double bareJvmStartMillis() throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long start = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(List.of(ServiceProcess.JAVA_OPTIONS.trim().split("\\s+")));
        command.add("-version");
        new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        return (System.nanoTime() - start) / 1e6;
    }

    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? Files.readString(loadavg).trim() : "unknown";
    }

    /** One line of the bench table, as TrackerBenchmark prints them: figure, measured, target, baseline, ratio, met. */
    private static void row(String figure, double measured, String target, String baseline, double baselineValue, boolean met) {
        System.out.printf(Locale.ROOT, "BENCH|%s|%s|%s|%s: %s|%.3f|%s%n", figure, number(measured), target, baseline,
                number(baselineValue), measured / baselineValue, met ? "yes" : "no");
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : "%.2f", value);
    }

    private record Signed(String sid, Buffer body, String signature) {
    }

    private record Latencies(Sample ingest, Sample endToEnd, int failed, int unseen) {
    }

    /** Latencies in nanoseconds; percentiles in milliseconds. */
    private record Sample(long[] nanos) {

        int count() {
            return nanos.length;
        }

        double percentile(double percentile) {
            if (nanos.length == 0) {
                return Double.NaN;
            }
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1e6;
        }
    }
}
