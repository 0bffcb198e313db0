package com.wawindow.sender.client;

import com.wawindow.sender.config.FollowupConfig;
import com.wawindow.sender.config.ScaleConfig;
import com.wawindow.sender.entity.OutboundMessage;
import io.micrometer.core.instrument.Counter;
import io.quarkus.logging.Log;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * One send budget per Twilio sender (From address or Messaging Service), shared by every sender instance through
 * PostgreSQL ({@link SharedSendSlots}). Sends are spaced in slots {@code 1 s / (mps * 0.8)} apart in the database's
 * time; an instance reserves a few consecutive slots per round trip and each thread parks until its slot, so all
 * instances together never put more than the budget into any one-second window, sliding or not. A thread that
 * wakes more than 20 ms after its slot (a GC pause, an overloaded machine) gives the slot up and takes another, so
 * a stall is never followed by a catch-up burst; the same check is made again just before the request takes its
 * connection ({@link SendSlotCheck}), so a stall between the slot and the wire cannot bunch requests either. The 20 %
 * headroom is for the way to Twilio after that last check: a thread preempted between it and the socket write (on
 * a saturated box, for hundreds of milliseconds) still sends late, and a request may arrive up to 250 ms later than
 * its neighbours ({@code 1 s / 0.8 - 1 s}, whatever the rate) without one too many landing in any one second at
 * Twilio's side. 10 % (111 ms) and 15 % (176 ms) were seen to fall short on a loaded 2-core box: with every check
 * in place, ScaleOutIT's fake still saw 6-7 creates within 76-107 ms after gaps of 230-350 ms, while the JVM it
 * stamps in had no pause over 40 ms, and 21 in a sliding second in clean-clone runs at both.
 * Slots a crashed instance reserved pass with their time; there are no shares to hand back.
 */
@Singleton
public class SendRateLimiter {

    static final double HEADROOM = 0.8;
    private static final long LATE_TOLERANCE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final String NO_SENDER = "-";

    /** Where the next free slot of each sender is kept: the shared database, or this process alone. */
    public interface SlotSource {

        /**
         * Reserves {@code count} consecutive slots {@code spacingSeconds} apart, the first at the sender's next free
         * slot or now, whichever is later.
         *
         * @return the first slot's time and the source's "now", both in the source's seconds
         */
        Reservation reserve(String sender, int count, double spacingSeconds);

        /** Nothing goes out for {@code sender} before now + {@code pause} (Twilio answered 429). */
        void pause(String sender, Duration pause);
    }

    /** The first reserved slot and the source's clock when it answered, both in seconds since the epoch. */
    public record Reservation(double firstSlotAt, double now) {
    }

    private final SlotSource slots;
    private final int defaultMps;
    private final Map<String, Integer> overrides;
    private final int maxGrant;
    private final MeterRegistry meters;
    private final SourceClock sourceClock = new SourceClock();
    private final Map<String, SenderBudget> budgets = new ConcurrentHashMap<>();

    @Inject
    public SendRateLimiter(DataSource dataSource, FollowupConfig config, ScaleConfig scale, MeterRegistry meters) {
        this(new SharedSendSlots(dataSource), config.maxMps(), parseOverrides(scale.mpsOverrides().orElse("")),
                scale.budgetGrant(), meters);
    }

    /** A budget shared through {@code send_budget} in this data source's schema (benchmarks, tests). */
    public static SendRateLimiter shared(DataSource dataSource, int maxPerSecond, int maxGrant) {
        return new SendRateLimiter(new SharedSendSlots(dataSource), maxPerSecond, Map.of(), maxGrant,
                new SimpleMeterRegistry());
    }

    /** A budget of this process alone (benchmarks, tests): no database. */
    public SendRateLimiter(int maxPerSecond) {
        this(new LocalSendSlots(), maxPerSecond, Map.of(), 1, new SimpleMeterRegistry());
    }

    public SendRateLimiter(SlotSource slots, int defaultMps, Map<String, Integer> overrides, int maxGrant,
            MeterRegistry meters) {
        if (defaultMps <= 0) {
            throw new IllegalArgumentException("FOLLOWUP_MAX_MPS must be positive, was " + defaultMps);
        }
        if (maxGrant <= 0) {
            throw new IllegalArgumentException("FOLLOWUP_BUDGET_GRANT must be positive, was " + maxGrant);
        }
        this.slots = slots;
        this.defaultMps = defaultMps;
        this.overrides = Map.copyOf(overrides);
        this.maxGrant = maxGrant;
        this.meters = meters;
    }

    /** The sender whose budget a message uses: its From address, else its Messaging Service. */
    public static String senderOf(OutboundMessage message) {
        if (message.from() != null) {
            return message.from();
        }
        return message.messagingServiceSid() == null ? NO_SENDER : message.messagingServiceSid();
    }

    /** The budget of {@code sender} in messages per second (FOLLOWUP_MPS_OVERRIDES, else FOLLOWUP_MAX_MPS). */
    public int maxPerSecond(String sender) {
        return overrides.getOrDefault(sender, defaultMps);
    }

    /**
     * Blocks (parked, never spinning) until this caller may send one message of the sender with no From.
     *
     * @return the slot, as a local {@link System#nanoTime()}
     */
    public long acquire() {
        return acquire(NO_SENDER);
    }

    /**
     * Blocks (parked, never spinning) until this caller may send one message from {@code sender}.
     *
     * @return the slot, as a local {@link System#nanoTime()}: the request must leave by {@link #onTime(long)}
     */
    public long acquire(String sender) {
        return budget(sender).acquire();
    }

    /** Whether a request of {@code slot} may still go out now, or would land in a later slot's second. */
    public static boolean onTime(long slot) {
        return System.nanoTime() - slot <= LATE_TOLERANCE_NANOS;
    }

    /** A slot of {@code sender} passed before its request reached the wire: counted as lost, the caller takes another. */
    public void missed(String sender) {
        budget(sender).lostSlots.increment();
    }

    /** Twilio said 429 for {@code sender}: every instance holds its sends for {@code pause}. */
    public void pause(String sender, Duration pause) {
        SenderBudget budget = budget(sender);
        budget.dropReserved();
        try {
            slots.pause(sender, pause);
        } catch (RuntimeException e) {
            // the retry's own backoff still spaces this instance's attempts
            Log.warnf("could not pause the shared send budget of %s: %s", sender, e.getMessage());
        }
    }

    /** Messages this instance sent from {@code sender} within the budget (the metric's count). */
    double usedSlots(String sender) {
        return budget(sender).sends.count();
    }

    private SenderBudget budget(String sender) {
        return budgets.computeIfAbsent(sender == null ? NO_SENDER : sender, SenderBudget::new);
    }

    /**
     * Parses {@code sender=mps,sender=mps}.
     *
     * @throws IllegalArgumentException naming the part that is not one
     */
    public static Map<String, Integer> parseOverrides(String text) {
        Map<String, Integer> parsed = new HashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int equals = part.lastIndexOf('=');
            String sender = equals < 0 ? "" : part.substring(0, equals).trim();
            int mps;
            try {
                mps = equals < 0 ? 0 : Integer.parseInt(part.substring(equals + 1).trim());
            } catch (NumberFormatException e) {
                mps = 0;
            }
            if (sender.isEmpty() || mps <= 0) {
                throw new IllegalArgumentException("FOLLOWUP_MPS_OVERRIDES: '" + part.trim()
                        + "' is not sender=messages-per-second, e.g. whatsapp:+15551234567=400");
            }
            parsed.put(sender, mps);
        }
        return parsed;
    }

    /**
     * The slot source's clock as this process's nanoTime. A reservation says the source's "now" somewhere within its
     * round trip: taken at the midpoint, it is off by up to half the trip, and under load a trip takes hundreds of
     * milliseconds, so each instance's slots would land that much early or late against the others' and a sliding
     * second at Twilio would see more than the budget. The offset is therefore kept from the shortest round trip
     * seen, whose error only grows by a clock drift bound as it ages, and replaced by any trip that says more.
     */
    static final class SourceClock {

        /** How far the source's clock and nanoTime may drift apart per second (500 ppm, NTP's slew limit). */
        private static final double DRIFT = 5e-4;

        private long sampleLocal;
        private double sampleSource;
        private double sampleErrorNanos = Double.POSITIVE_INFINITY;

        /**
         * @param sourceSeconds a time in the source's clock
         * @param sourceNow the source's "now", read between {@code before} and {@code after} (local nanoTime)
         * @return {@code sourceSeconds} as a local nanoTime
         */
        synchronized long toLocal(double sourceSeconds, double sourceNow, long before, long after) {
            double errorNanos = (after - before) / 2.0;
            double agedNanos = sampleErrorNanos + (after - sampleLocal) * DRIFT;
            if (errorNanos <= agedNanos) {
                sampleLocal = before + (after - before) / 2;
                sampleSource = sourceNow;
                sampleErrorNanos = errorNanos;
            }
            return sampleLocal + (long) ((sourceSeconds - sampleSource) * TimeUnit.SECONDS.toNanos(1));
        }
    }

    /** One sender's slots reserved by this instance and not yet used, as local nanoTime instants. */
    private final class SenderBudget {

        private final String sender;
        private final double spacingSeconds;
        private final ArrayDeque<Long> reserved = new ArrayDeque<>();
        private final Counter reservedSlots;
        private final Counter sends;
        private final Counter lostSlots;
        private final Timer waits;
        /** Callers looking for a slot right now: a reservation is sized for them, so few slots pass unused. */
        private final AtomicInteger demand = new AtomicInteger();

        SenderBudget(String sender) {
            this.sender = sender;
            this.spacingSeconds = 1.0 / (maxPerSecond(sender) * HEADROOM);
            this.reservedSlots = Counter.builder("followup.send.budget.reserved").tag("sender", sender)
                    .description("send slots this instance reserved from the shared budget").register(meters);
            this.sends = Counter.builder("followup.send.budget.used").tag("sender", sender)
                    .description("messages this instance sent within the shared budget").register(meters);
            this.lostSlots = Counter.builder("followup.send.budget.lost").tag("sender", sender)
                    .description("reserved slots that passed unused (no caller in time, a late wake-up, a 429)")
                    .register(meters);
            this.waits = Timer.builder("followup.send.budget.wait").tag("sender", sender)
                    .description("how long senders waited for a slot of the shared budget").register(meters);
        }

        long acquire() {
            long started = System.nanoTime();
            try {
                while (true) {
                    long slot = nextSlot();
                    long wait;
                    while ((wait = slot - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (onTime(slot)) {
                        sends.increment();
                        return slot;
                    }
                    lostSlots.increment();
                }
            } finally {
                waits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        }

        /** This caller's slot: a reserved one still ahead, else a fresh reservation (sized by who else waits). */
        private long nextSlot() {
            demand.incrementAndGet();
            synchronized (this) {
                try {
                    long now = System.nanoTime();
                    Long slot;
                    while ((slot = reserved.pollFirst()) != null) {
                        if (now - slot <= LATE_TOLERANCE_NANOS) {
                            return slot;
                        }
                        lostSlots.increment();
                    }
                    int count = Math.max(1, Math.min(maxGrant, demand.get()));
                    long before = System.nanoTime();
                    Reservation reservation = slots.reserve(sender, count, spacingSeconds);
                    long after = System.nanoTime();
                    long first = sourceClock.toLocal(reservation.firstSlotAt(), reservation.now(), before, after);
                    long spacing = (long) (spacingSeconds * TimeUnit.SECONDS.toNanos(1));
                    reservedSlots.increment(count);
                    for (int i = 1; i < count; i++) {
                        reserved.addLast(first + i * spacing);
                    }
                    return first;
                } finally {
                    demand.decrementAndGet();
                }
            }
        }

        synchronized void dropReserved() {
            lostSlots.increment(reserved.size());
            reserved.clear();
        }
    }
}
