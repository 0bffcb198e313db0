package com.wawindow.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Where the box's CPU went during one stage of the bench (Linux, {@code /proc}): each named process's user and system
 * time, PostgreSQL's (every process called {@code postgres}: the shared server, with nothing else using it during the
 * bench) and the whole machine's busy and I/O-wait time, between two snapshots. Divided by the stage's units of work
 * (webhooks, sends), it says how much of two cores one unit costs each part, and so the most units a second this box
 * can do with that spread of work: the limit a figure meets when the box is saturated.
 */
final class CpuUse {

    /** Linux's USER_HZ: /proc counts CPU time in these ticks. */
    private static final double TICK_MS = 10;
    private static final String POSTGRES = "postgresql";
    private static final String OTHER = "other (kernel threads, the rest of the box)";

    private final Map<String, Long> pids;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final AtomicLong runnableSum = new AtomicLong();
    private final AtomicLong runnableSamples = new AtomicLong();

    /** {@code pids}: a part's name to its process; PostgreSQL and the rest of the box are added. */
    CpuUse(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
    }

    /** One look at how many threads are runnable now ({@code procs_running}); call it every 100 ms or so. */
    void sampleRunnable() {
        try {
            Files.readAllLines(Path.of("/proc/stat")).stream().filter(line -> line.startsWith("procs_running "))
                    .findFirst().ifPresent(line -> {
                        runnableSum.addAndGet(Long.parseLong(line.substring("procs_running ".length()).trim()));
                        runnableSamples.incrementAndGet();
                    });
        } catch (IOException | RuntimeException e) {
            // no sample
        }
    }

    Snapshot snapshot() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        pids.forEach((part, pid) -> ticks.put(part, processTicks(pid)));
        ticks.put(POSTGRES, postgresTicks());
        long[] box = boxTicks();
        return new Snapshot(System.nanoTime(), ticks, box[0], box[1], runnableSum.get(), runnableSamples.get());
    }

    /**
     * Prints the stage's CPU per unit of work, by part, and returns the box's ceiling (units a second if every core
     * were busy with this spread of work).
     */
    double print(String stage, Snapshot before, Snapshot after, double units, String unit) {
        double seconds = (after.nanos - before.nanos) / 1e9;
        double busyMs = (after.boxBusy - before.boxBusy) * TICK_MS;
        double ioWaitMs = (after.boxIoWait - before.boxIoWait) * TICK_MS;
        Map<String, Double> perUnit = new LinkedHashMap<>();
        double named = 0;
        for (Map.Entry<String, Long> part : after.ticks.entrySet()) {
            double ms = (part.getValue() - before.ticks.getOrDefault(part.getKey(), 0L)) * TICK_MS;
            named += ms;
            perUnit.put(part.getKey(), ms / units);
        }
        perUnit.put(OTHER, Math.max(0, busyMs - named) / units);
        double total = busyMs / units;
        double ceiling = cores * 1_000 / total;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "BENCH-CPU %s: %.0f %s in %.1f s; box busy %.0f %% of %d cores, I/O wait %.0f %%, runnable threads %.1f"
                        + " on average; CPU ms per %s:",
                stage, units, unit, seconds, 100 * busyMs / (seconds * 1_000 * cores), cores,
                100 * ioWaitMs / (seconds * 1_000 * cores), (after.runnableSum - before.runnableSum)
                        / (double) Math.max(1, after.runnableSamples - before.runnableSamples), unit));
        perUnit.forEach((part, ms) -> line.append(String.format(Locale.ROOT, " %s %.3f (%.0f %%);", part, ms, 100 * ms / total)));
        line.append(String.format(Locale.ROOT, " all %.3f, so at most %,.0f %s/s on %d busy cores", total, ceiling, unit, cores));
        System.out.println(line);
        return ceiling;
    }

    record Snapshot(long nanos, Map<String, Long> ticks, long boxBusy, long boxIoWait, long runnableSum,
            long runnableSamples) {
    }

    /** utime + stime of every thread of the process (fields 14 and 15 of /proc/pid/stat), 0 once it has gone. */
    private static long processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // the command name (field 2) is in parentheses and may hold spaces: count fields after its closing one
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long postgresTicks() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(CpuUse::isPostgres)
                    .mapToLong(dir -> processTicks(Long.parseLong(dir.getFileName().toString())))
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean isPostgres(Path process) {
        try {
            return Files.readString(process.resolve("comm")).trim().startsWith("postgres");
        } catch (IOException e) {
            return false;
        }
    }

    /** The machine's busy ticks (user, nice, system, irq, softirq, steal) and I/O-wait ticks, from /proc/stat. */
    private static long[] boxTicks() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] cpu = lines.get(0).trim().split("\\s+");
            long busy = 0;
            for (int field : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(cpu[field]);
            }
            return new long[] {busy, Long.parseLong(cpu[5])};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }
}
