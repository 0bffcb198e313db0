package com.wawindow.system;

import static org.junit.jupiter.api.Assertions.fail;

import com.wawindow.events.Topics;
import com.wawindow.infra.PostgresLocator;
import com.wawindow.system.TwilioLikeWebhooks.Delivery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The faults of a normal week, under load, against the whole system: the three packaged services as processes, a
 * broker of the suite's own, an embedded PostgreSQL of its own (stopped and started; never the shared server), a
 * fake Twilio ({@link FaultyTwilio}) that drops connections after accepting, answers 5xx or answers slowly, and
 * webhooks posted as Twilio posts them with the README's connection overrides ({@link TwilioLikeWebhooks}).
 *
 * <p>Each round sends a slice of its contacts during each of these faults, one after the other: ingest, the tracker and the sender are
 * SIGKILLed and restarted; the broker is frozen 8 s (SIGSTOP) and restarted; Twilio answers 5xx, drops the
 * connection after creating, answers slowly; PostgreSQL is stopped for 20 s; a poison record goes to every topic,
 * followed by more traffic. One contact in ten says STOP, two in ten reply, within the window; windows close all
 * along. Then it counts, at the edges: every webhook answered 200 is applied (the tracker's last message of the
 * contact is the newest accepted one), every closed window got exactly one message created at the fake, no contact
 * who said STOP before the close got one, no DLQ holds anything but the poison records. It prints the counts per
 * fault and fails on any loss or duplicate.
 *
 * <p>Short version (in {@code ./mvnw verify}): 2,000 contacts, one round. Full version: {@code -Pfaults-full}
 * (20,000 contacts, three rounds). System properties: {@code faults.contacts}, {@code faults.rounds},
 * {@code faults.window}, {@code faults.slice}.
 */
class FaultSuiteIT {

    private static final int CONTACTS = Integer.getInteger("faults.contacts", 2000);
    private static final int ROUNDS = Integer.getInteger("faults.rounds", 1);
    private static final Duration WINDOW = Duration.parse(System.getProperty("faults.window", "PT15S"));
    /** How long each fault's slice of contacts takes to send its first messages. */
    private static final Duration SLICE = Duration.parse(System.getProperty("faults.slice", "PT6S"));
    /** Within this of the window's length, whether two messages share a window is not decided here. */
    private static final Duration EDGE = Duration.ofSeconds(2);
    private static final Duration STALL = Duration.ofSeconds(8);
    private static final Duration DATABASE_OUTAGE = Duration.ofSeconds(20);
    /**
     * The sender's claim lease here (FOLLOWUP_CLAIM_LEASE, 2 min by default): a SIGKILLed sender's claims in flight are
     * adopted by its successor once their lease ran out, so the drain waits that long after the kill.
     */
    private static final Duration CLAIM_LEASE = Duration.ofSeconds(30);
    private static final Duration CLAIM_RECOVERY_INTERVAL = Duration.ofSeconds(2);
    private static final List<String> POISONED = List.of(Topics.INBOUND_MESSAGES, Topics.MESSAGE_STATUS,
            Topics.WINDOW_EXPIRED, Topics.WINDOW_EXPIRING_SOON);
    private static final List<String> DLQS = List.of(Topics.INBOUND_MESSAGES_DLQ, Topics.MESSAGE_STATUS_DLQ,
            Topics.WINDOW_EXPIRED_DLQ);

    private final List<Contact> contacts = new CopyOnWriteArrayList<>();
    private final List<Phase> phases = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<?>> pending = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService later = Executors.newScheduledThreadPool(2);
    /** Reads the services' APIs as a client does: every contact's window at the end, and the stories of missing ones. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private RunningSystem system;
    private FaultyTwilio twilio;
    private TwilioLikeWebhooks webhooks;
    private OwnPostgres database;

    /** A contact and what it sends: a first message, then maybe a reply or a STOP within the window. */
    record Contact(String id, String plan, String slice, List<Delivery> deliveries) {
    }

    /** A fault (or the quiet between), from its start to its end. */
    record Phase(String name, Instant start, Instant end) {
    }

    @Test
    void noAcceptedMessageIsLostAndEveryClosedWindowGetsExactlyOneFollowUpThroughEveryFault() throws Exception {
        Instant began = Instant.now();
        Path dataDir = Path.of("target", "faults-postgres-" + UUID.randomUUID()).toAbsolutePath();
        database = OwnPostgres.start(dataDir);
        twilio = new FaultyTwilio();
        try {
            system = RunningSystem.start("faults", WINDOW, Map.of("FOLLOWUP_MAX_MPS", "100",
                    "FOLLOWUP_CLAIM_LEASE", CLAIM_LEASE.toString(),
                    "FOLLOWUP_CLAIM_RECOVERY_INTERVAL", CLAIM_RECOVERY_INTERVAL.toSeconds() + "s"),
                    Secrets.random(), new RunningSystem.Setup(database.endpoint(), Map.of(), Map.of(), twilio));
            webhooks = new TwilioLikeWebhooks(system.webhookUrl(), system.secrets.webhookToken());
            System.out.printf("fault suite: %d contacts, %d round(s), window %s; system up after %d s%n",
                    CONTACTS, ROUNDS, WINDOW, Duration.between(began, Instant.now()).toSeconds());
            for (int round = 0; round < ROUNDS; round++) {
                runRound(round);
            }
            drain();
            Report report = count();
            System.out.println(report.table());
            System.out.printf("fault suite wall time: %d s%n", Duration.between(began, Instant.now()).toSeconds());
            if (!report.failures().isEmpty()) {
                fail("fault suite found " + String.join("; ", report.failures()) + "\n" + report.table());
            }
        } finally {
            later.shutdownNow();
            if (webhooks != null) {
                webhooks.close();
            }
            if (system != null) {
                system.close();
            }
            database.close();
        }
    }

    /** One fault of a round and whether it strikes while webhooks arrive (else while windows close). */
    private record Step(String name, Fault fault) {
    }

    private void runRound(int round) throws Exception {
        int perRound = CONTACTS / ROUNDS + (round < CONTACTS % ROUNDS ? 1 : 0);
        List<Step> steps = List.of(
                new Step("sigkill ingest-service", () -> system.crashAndRestart("ingest-service")),
                new Step("sigkill window-tracker", () -> system.crashAndRestart("window-tracker")),
                new Step("broker stall 8 s", () -> system.stallBroker(STALL)),
                new Step("twilio 5xx burst", () -> servedWithin(() -> twilio.failNext(40), Duration.ofSeconds(20))),
                new Step("twilio drops after accepting", () -> servedWithin(() -> twilio.dropNext(20),
                        Duration.ofSeconds(20))),
                new Step("twilio slow 3 s", () -> servedWithin(() -> twilio.slowNext(10, Duration.ofSeconds(3)),
                        Duration.ofSeconds(20))),
                new Step("sigkill followup-sender", () -> system.crashAndRestart("followup-sender")),
                new Step("broker restart", system::restartBroker),
                new Step("postgres stop 20 s", () -> {
                    database.stop();
                    try {
                        Thread.sleep(DATABASE_OUTAGE.toMillis()); // the outage is the fault: nothing to wait for
                    } finally {
                        database.startAgain();
                    }
                }),
                new Step("poison on every topic", () -> poison(round)));
        // one slice of the round's contacts per fault, sent while it strikes, and one after the poison
        int slice = perRound / (steps.size() + 1);
        int offset = contacts.size();
        Instant roundStart = Instant.now();
        for (Step step : steps) {
            String name = step.name() + " #" + round;
            if (step.name().startsWith("twilio")) {
                // Twilio's faults need windows closing: the first slice's close a window after the round began
                quiet(Duration.between(Instant.now(), roundStart.plus(WINDOW).plusSeconds(3)));
            }
            int from = offset;
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> send(from, slice, SLICE, name));
            offset += slice;
            quiet(Duration.ofSeconds(2)); // webhooks are arriving when the fault strikes
            fault(name, step.fault());
            sending.get(5, TimeUnit.MINUTES);
            quiet(Duration.ofSeconds(2));
        }
        String after = "traffic after the poison #" + round;
        Instant afterStart = Instant.now();
        send(offset, perRound - slice * steps.size(), SLICE, after);
        phases.add(new Phase(after, afterStart, Instant.now().plus(WINDOW)));
        System.out.printf("round %d: %d contacts in %d s%n", round, perRound, Duration.between(roundStart, Instant.now()).toSeconds());
    }

    /** Sends the first message of {@code count} new contacts, evenly over {@code over}; replies and STOPs follow. */
    private void send(int offset, int count, Duration over, String slice) {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + over.toNanos() * i / Math.max(1, count);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                sleepNanos(wait);
            }
            int index = offset + i;
            String plan = index % 10 == 0 ? "stop" : index % 10 <= 2 ? "reply" : "single";
            Contact contact = new Contact(String.format("+6283%09d", index), plan, slice, new CopyOnWriteArrayList<>());
            contacts.add(contact);
            Delivery first = deliver(contact, "first", "halo " + index);
            if (!plan.equals("single")) {
                pending.add(first.done.thenAccept(done -> {
                    if (done.accepted()) {
                        later.schedule(() -> deliver(contact, plan, plan.equals("stop") ? "STOP" : "masih ada?"),
                                WINDOW.toMillis() / 3, TimeUnit.MILLISECONDS);
                    }
                }));
            }
        }
    }

    private Delivery deliver(Contact contact, String kind, String body) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Delivery delivery = webhooks.deliver(RunningSystem.inbound(contact.id(), sid, "Fault " + kind, body), kind);
        contact.deliveries().add(delivery);
        pending.add(delivery.done);
        return delivery;
    }

    private interface Fault {
        void run() throws Exception;
    }

    private void fault(String name, Fault fault) throws Exception {
        Instant start = Instant.now();
        fault.run();
        phases.add(new Phase(name, start, Instant.now()));
        System.out.printf("fault %-36s %5.1f s%n", name, Duration.between(start, Instant.now()).toMillis() / 1000.0);
    }

    private void quiet(Duration pause) {
        if (!pause.isNegative()) {
            sleepNanos(pause.toNanos());
        }
    }

    private void servedWithin(Runnable ask, Duration timeout) {
        ask.run();
        awaitUntil(() -> twilio.faultsPending() == 0, timeout);
        twilio.failNext(0);
        twilio.dropNext(0);
        twilio.slowNext(0, Duration.ZERO);
    }

    private void poison(int round) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            for (String topic : POISONED) {
                producer.send(new ProducerRecord<>(topic, "poison-" + topic + "-" + round,
                        "{\"eventId\": not json at all".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Waits for every webhook to be answered or given up, every window to close, and the fake to go quiet. */
    private void drain() throws Exception {
        Instant start = Instant.now();
        while (!pending.stream().allMatch(CompletableFuture::isDone)) {
            Thread.sleep(200); // polling futures that complete on their own
        }
        Instant lastAck = contacts.stream().flatMap(c -> c.deliveries().stream()).map(d -> d.acknowledged)
                .filter(a -> a != null).max(Comparator.naturalOrder()).orElse(Instant.now());
        quiet(Duration.between(Instant.now(), lastAck.plus(WINDOW).plusSeconds(3)));
        // a SIGKILLed sender's claims in flight go out once their lease ran out and recovery adopted them
        phases.stream().filter(p -> p.name().startsWith("sigkill followup-sender")).map(Phase::end)
                .max(Comparator.naturalOrder())
                .ifPresent(killed -> quiet(Duration.between(Instant.now(),
                        killed.plus(CLAIM_LEASE).plus(CLAIM_RECOVERY_INTERVAL.multipliedBy(2)))));
        // then until nothing new reaches the fake for 15 s (a crashed sender's claims are reconciled meanwhile)
        int seen = -1;
        Instant quietSince = Instant.now();
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            int now = twilio.ledger().size();
            if (now != seen) {
                seen = now;
                quietSince = Instant.now();
            } else if (Duration.between(quietSince, Instant.now()).compareTo(Duration.ofSeconds(15)) >= 0) {
                break;
            }
            Thread.sleep(500); // polling the fake's ledger
        }
        System.out.printf("drained in %d s%n", Duration.between(start, Instant.now()).toSeconds());
    }

    // ---------------------------------------------------------------------------------------------------- counting

    /** The counts and what they mean. */
    record Report(String table, List<String> failures) {
    }

    /** Per fault (the phase a window closed in), the follow-up counts. */
    private static final class Row {
        int closed;
        int owed;
        int once;
        int missing;
        int duplicated;
        int stopViolated;
        int undecided;
    }

    private Report count() throws Exception {
        Map<String, Long> created = twilio.createdPerRecipient();
        Map<String, String> lastSidInTracker = trackerLastMessageSids();
        Map<String, Row> rows = new LinkedHashMap<>();
        phases.stream().sorted(Comparator.comparing(Phase::start)).forEach(p -> rows.put(p.name(), new Row()));
        rows.put("no fault", new Row());
        Map<String, Row> bySlice = new LinkedHashMap<>();
        contacts.forEach(c -> bySlice.computeIfAbsent(c.slice(), k -> new Row()));
        Row total = new Row();
        int accepted = 0;
        int acceptedAfterRetry = 0;
        int gaveUp = 0;
        int lost = 0;
        List<String> lostExamples = new ArrayList<>();
        List<String> duplicateExamples = new ArrayList<>();
        List<Contact> missingExamples = new ArrayList<>();
        Map<String, Integer> answers = new TreeMap<>();
        for (Contact contact : contacts) {
            List<Delivery> deliveries = contact.deliveries();
            for (Delivery d : deliveries) {
                d.answers.forEach(a -> answers.merge(a, 1, Integer::sum));
                if (d.accepted()) {
                    accepted++;
                    acceptedAfterRetry += d.attempts() > 1 ? 1 : 0;
                } else {
                    gaveUp++;
                }
            }
            // applied: the tracker's newest message is the newest accepted one (or one sent after it, never answered 200)
            int lastAccepted = -1;
            for (int i = 0; i < deliveries.size(); i++) {
                if (deliveries.get(i).accepted()) {
                    lastAccepted = i;
                }
            }
            if (lastAccepted >= 0) {
                String inTracker = lastSidInTracker.get(contact.id());
                boolean applied = false;
                for (int i = lastAccepted; i < deliveries.size(); i++) {
                    applied |= deliveries.get(i).messageSid.equals(inTracker);
                }
                if (!applied) {
                    lost++;
                    if (lostExamples.size() < 5) {
                        lostExamples.add(contact.id() + " (tracker: " + inTracker + ", newest accepted: "
                                + deliveries.get(lastAccepted).messageSid + " " + deliveries.get(lastAccepted).kind + ")");
                    }
                }
            }
            Expectation expected = expect(contact);
            Row row = rows.get(phaseAt(expected.lastClose()));
            long got = created.getOrDefault("whatsapp:" + contact.id(), 0L);
            for (Row r : List.of(row, bySlice.get(contact.slice()), total)) {
                r.closed += expected.windows();
                if (expected.undecided()) {
                    r.undecided++;
                    continue;
                }
                r.owed += expected.owed();
                if (expected.owed() == 0) {
                    r.stopViolated += got > 0 ? 1 : 0;
                } else if (got == expected.owed()) {
                    r.once++;
                } else if (got < expected.owed()) {
                    r.missing++;
                    if (r == total && missingExamples.size() < 10) {
                        missingExamples.add(contact);
                    }
                } else {
                    r.duplicated++;
                }
            }
            if (!expected.undecided() && got > expected.owed() && duplicateExamples.size() < 5) {
                duplicateExamples.add(contact.id() + " " + contact.plan() + " " + twilio.ledger().stream()
                        .filter(c -> ("whatsapp:" + contact.id()).equals(c.to()))
                        .map(c -> c.answer() + "@" + phaseAt(c.at())).toList());
            }
        }
        Map<String, int[]> dlq = deadLetters();

        StringBuilder t = new StringBuilder("\n=== fault suite counts ===\n");
        t.append(String.format("contacts %d, webhooks accepted (200) %d, of them after Twilio-style retries %d, "
                + "given up (never 200) %d%n", contacts.size(), accepted, acceptedAfterRetry, gaveUp));
        t.append("webhook attempt answers: ").append(answers).append('\n');
        t.append(String.format("accepted webhooks not applied in the tracker (lost): %d %s%n", lost,
                lostExamples.isEmpty() ? "" : lostExamples));
        t.append(String.format("fake Twilio creates: %s%n", twilio.answers()));
        Map<String, Integer> createsPerPhase = new LinkedHashMap<>();
        rows.keySet().forEach(name -> createsPerPhase.put(name, 0));
        twilio.ledger().forEach(c -> createsPerPhase.merge(phaseAt(c.at()), 1, Integer::sum));
        t.append(String.format("fake Twilio calls by the phase they came in: %s%n", createsPerPhase));
        t.append(String.format("%-38s %7s %6s %6s %7s %6s %8s %9s%n", "contacts whose webhooks came during",
                "windows", "owed", "once", "missing", "dupl.", "STOP-sent", "undecided"));
        bySlice.forEach((name, r) -> t.append(line(name, r)));
        t.append(line("TOTAL", total));
        t.append(String.format("%-38s %7s %6s %6s %7s %6s %8s %9s%n", "the same, by when the window closed",
                "windows", "owed", "once", "missing", "dupl.", "STOP-sent", "undecided"));
        rows.forEach((name, r) -> t.append(line(name, r)));
        duplicateExamples.forEach(d -> t.append("duplicated: ").append(d).append('\n'));
        missingExamples.forEach(c -> t.append(missingStory(c)));
        t.append("dead-letter topics (poison / other):");
        dlq.forEach((topic, n) -> t.append(String.format(" %s %d/%d", topic, n[0], n[1])));
        t.append('\n');

        List<String> failures = new ArrayList<>();
        if (lost > 0) {
            failures.add(lost + " accepted webhooks not applied");
        }
        if (total.missing > 0) {
            failures.add(total.missing + " closed windows without a follow-up");
        }
        if (total.duplicated > 0) {
            failures.add(total.duplicated + " windows with more than one follow-up");
        }
        if (total.stopViolated > 0) {
            failures.add(total.stopViolated + " follow-ups to contacts who said STOP");
        }
        int otherDeadLetters = dlq.values().stream().mapToInt(n -> n[1]).sum();
        if (otherDeadLetters > 0) {
            failures.add(otherDeadLetters + " dead letters that are not the poison records");
        }
        return new Report(t.toString(), failures);
    }

    /** What each side knows of a contact owed a follow-up that the fake never saw: the webhooks, tracker, sender. */
    private String missingStory(Contact contact) {
        StringBuilder story = new StringBuilder("missing: ").append(contact.id()).append(' ').append(contact.plan())
                .append(" (").append(contact.slice()).append(")\n");
        for (Delivery d : contact.deliveries()) {
            story.append(String.format("  webhook %s %s first attempt %s, answers %s, acknowledged %s%n", d.kind,
                    d.messageSid, d.firstAttempt, d.answers, d.acknowledged));
        }
        String id = contact.id().replace("+", "%2B");
        story.append("  tracker window: ").append(read("window-tracker", "/contacts/" + id + "/window")).append('\n');
        story.append("  sender decisions: ").append(read("followup-sender", "/followups?contactId=" + id)).append('\n');
        story.append("  sender dispatches: ").append(read("followup-sender", "/dispatches?contactId=" + id))
                .append('\n');
        return story.toString();
    }

    private String read(String service, String path) {
        HttpRequest get = HttpRequest.newBuilder(URI.create(system.url(service) + path))
                .header("Authorization", "Bearer " + system.secrets.viewerKey()).timeout(Duration.ofSeconds(10)).build();
        try {
            HttpResponse<String> answer = http.send(get, HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() + " " + abbreviate(answer.body(), 1500);
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    private static String line(String name, Row r) {
        return String.format("%-38s %7d %6d %6d %7d %6d %8d %9d%n", name, r.closed, r.owed, r.once, r.missing,
                r.duplicated, r.stopViolated, r.undecided);
    }

    /**
     * How many follow-ups a contact is owed, from its accepted messages: a gap longer than the window between two
     * of them closes a window, the last one closes one a window after it, and a window that closes after a STOP is
     * owed nothing. The tracker's time of a message lies between its first attempt and its acknowledgement (a
     * retry joins the first attempt's publication); a gap within {@link #EDGE} of the window, or a message that
     * was never answered 200 (it may or may not have been published), leaves the contact undecided.
     */
    record Expectation(int windows, int owed, boolean undecided, Instant lastClose) {
    }

    private static Expectation expect(Contact contact) {
        List<Delivery> accepted = contact.deliveries().stream().filter(Delivery::accepted).toList();
        boolean undecided = accepted.size() != contact.deliveries().size() || accepted.isEmpty();
        if (accepted.isEmpty()) {
            return new Expectation(0, 0, true, Instant.now());
        }
        int windows = 1;
        int owed = 0;
        boolean stopped = false;
        for (int i = 0; i < accepted.size(); i++) {
            Delivery d = accepted.get(i);
            stopped |= d.kind.equals("stop");
            if (i + 1 < accepted.size()) {
                Delivery next = accepted.get(i + 1);
                Duration shortest = Duration.between(d.acknowledged, next.firstAttempt);
                Duration longest = Duration.between(d.firstAttempt, next.acknowledged);
                if (shortest.compareTo(WINDOW.plus(EDGE)) > 0) {
                    windows++;
                    owed += stopped ? 0 : 1;
                } else if (longest.compareTo(WINDOW.minus(EDGE)) >= 0) {
                    undecided = true;
                }
            }
        }
        owed += stopped ? 0 : 1;
        Instant lastClose = accepted.get(accepted.size() - 1).acknowledged.plus(WINDOW);
        return new Expectation(windows, owed, undecided, lastClose);
    }

    private String phaseAt(Instant at) {
        return phases.stream().filter(p -> !at.isBefore(p.start()) && !at.isAfter(p.end()))
                .map(Phase::name).findFirst().orElse("no fault");
    }

    private static final Pattern LAST_SID = Pattern.compile("\"lastMessageSid\"\\s*:\\s*\"([^\"]+)\"");

    /** The tracker's {@code lastMessageSid} of every contact, from its API, as a client reads it. */
    private Map<String, String> trackerLastMessageSids() throws Exception {
        Map<String, String> sids = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> reads = new ArrayList<>();
            for (Contact contact : contacts) {
                reads.add(CompletableFuture.runAsync(() -> {
                    HttpRequest get = HttpRequest.newBuilder(URI.create(system.url("window-tracker") + "/contacts/"
                            + contact.id().replace("+", "%2B") + "/window"))
                            .header("Authorization", "Bearer " + system.secrets.viewerKey())
                            .timeout(Duration.ofSeconds(30)).build();
                    try {
                        HttpResponse<String> window = http.send(get, HttpResponse.BodyHandlers.ofString());
                        Matcher sid = LAST_SID.matcher(window.body());
                        sids.put(contact.id(), window.statusCode() == 200 && sid.find() ? sid.group(1)
                                : "HTTP " + window.statusCode());
                    } catch (IOException | InterruptedException e) {
                        sids.put(contact.id(), e.toString());
                    }
                }, pool));
            }
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        return sids;
    }

    /** Per dead-letter topic: records from the poison, and any other. */
    private Map<String, int[]> deadLetters() {
        Map<String, int[]> counts = new LinkedHashMap<>();
        DLQS.forEach(topic -> counts.put(topic, new int[2]));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : DLQS) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> examples = new ArrayList<>();
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    boolean poison = record.key() != null && record.key().startsWith("poison-");
                    counts.get(record.topic())[poison ? 0 : 1]++;
                    if (!poison && examples.size() < 5) {
                        Map<String, String> headers = new HashMap<>();
                        record.headers().forEach(h -> headers.put(h.key(), h.value() == null ? null
                                : abbreviate(new String(h.value(), StandardCharsets.UTF_8))));
                        examples.add(record.topic() + " " + headers);
                    }
                }
            }
            examples.forEach(e -> System.out.println("unexpected dead letter: " + e));
        }
        return counts;
    }

    private static String abbreviate(String text) {
        return abbreviate(text, 120);
    }

    private static String abbreviate(String text, int length) {
        return text.length() > length ? text.substring(0, length) + "..." : text;
    }

    private static void awaitUntil(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            sleepNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
    }

    private static void sleepNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An embedded PostgreSQL of the suite's own, stopped and started on the same port and data directory. */
    static final class OwnPostgres implements AutoCloseable {
        private static final String DATABASE = "faults";
        private final Path dataDir;
        private final int port;
        private volatile PostgresLocator.EmbeddedDatabase server;

        private OwnPostgres(Path dataDir, PostgresLocator.EmbeddedDatabase server) {
            this.dataDir = dataDir;
            this.server = server;
            this.port = server.server().getPort();
        }

        static OwnPostgres start(Path dataDir) throws IOException {
            return new OwnPostgres(dataDir, PostgresLocator.startEmbedded(dataDir, 0, DATABASE));
        }

        com.wawindow.infra.DatabaseEndpoint endpoint() {
            return server.endpoint();
        }

        void stop() throws IOException {
            server.close(); // pg_ctl stop -m fast; the data directory is kept
        }

        void startAgain() throws IOException {
            server = PostgresLocator.startEmbedded(dataDir, port, DATABASE);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
