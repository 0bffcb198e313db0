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
    private static final String JIT = "#jit";
    private static final String GC = "#gc";

    private final Map<String, Long> pids;
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final AtomicLong runnableSum = new AtomicLong();
    private final AtomicLong runnableSamples = new AtomicLong();

    private final com.wawindow.infra.DatabaseEndpoint database;

    /**
     * {@code pids}: a part's name to its process; PostgreSQL and the rest of the box are added, and the commits in
     * {@code database} (pg_stat_database, which each backend updates about once a second).
     */
    CpuUse(Map<String, Long> pids, com.wawindow.infra.DatabaseEndpoint database) {
        this.pids = new LinkedHashMap<>(pids);
        this.database = database;
    }

    private long commits() {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password());
                java.sql.ResultSet row = connection.createStatement().executeQuery(
                        "SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()")) {
            return row.next() ? row.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            return 0;
        }
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
        pids.forEach((part, pid) -> {
            ticks.put(part, processTicks(pid));
            long[] jvm = jvmThreadTicks(pid);
            ticks.put(part + JIT, jvm[0]);
            ticks.put(part + GC, jvm[1]);
        });
        ticks.put(POSTGRES, postgresTicks());
        long[] box = boxTicks();
        return new Snapshot(System.nanoTime(), ticks, box[0], box[1], runnableSum.get(), runnableSamples.get(), commits());
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
        Map<String, String> jvmShares = new LinkedHashMap<>();
        for (Map.Entry<String, Long> part : after.ticks.entrySet()) {
            if (part.getKey().endsWith(JIT) || part.getKey().endsWith(GC)) {
                continue;
            }
            double ms = (part.getValue() - before.ticks.getOrDefault(part.getKey(), 0L)) * TICK_MS;
            named += ms;
            perUnit.put(part.getKey(), ms / units);
            if (after.ticks.containsKey(part.getKey() + JIT) && ms > 0) {
                double jit = (after.ticks.get(part.getKey() + JIT) - before.ticks.getOrDefault(part.getKey() + JIT, 0L)) * TICK_MS;
                double gc = (after.ticks.get(part.getKey() + GC) - before.ticks.getOrDefault(part.getKey() + GC, 0L)) * TICK_MS;
                // at least: a compiler thread that ended between the two snapshots takes its ticks with it
                jvmShares.put(part.getKey(), String.format(Locale.ROOT, ", of it JIT %.0f %%, GC %.0f %%",
                        100 * Math.max(0, jit) / ms, 100 * Math.max(0, gc) / ms));
            }
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
        perUnit.forEach((part, ms) -> line.append(String.format(Locale.ROOT, " %s %.3f (%.0f %%%s);", part, ms, 100 * ms / total,
                jvmShares.getOrDefault(part, ""))));
        line.append(String.format(Locale.ROOT, " all %.3f, so at most %,.0f %s/s on %d busy cores; %.2f database commits per %s",
                total, ceiling, unit, cores, (after.commits - before.commits) / units, unit));
        System.out.println(line);
        return ceiling;
    }

    record Snapshot(long nanos, Map<String, Long> ticks, long boxBusy, long boxIoWait, long runnableSum,
            long runnableSamples, long commits) {
    }

    /** utime + stime of every thread of the process (fields 14 and 15 of /proc/pid/stat), 0 once it has gone. */
    private static long processTicks(long pid) {
        try {
            return statTicks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime of a /proc stat line (a process's or a thread's), fields 14 and 15. */
    private static long statTicks(String stat) {
        // the command name (field 2) is in parentheses and may hold spaces: count fields after its closing one
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * A JVM's compiler threads' ticks ({@code C1/C2 CompilerThread}) and its collector's ({@code GC Thread}, and the
     * {@code VM Thread}, where the serial collector runs), from each thread's /proc/pid/task/tid/stat.
     */
    private static long[] jvmThreadTicks(long pid) {
        long jit = 0;
        long gc = 0;
        try (Stream<Path> threads = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path thread : threads.toList()) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                long ticks = statTicks(stat);
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    jit += ticks;
                } else if (name.startsWith("GC Thread") || name.startsWith("VM Thread") || name.startsWith("G1 ")) {
                    gc += ticks;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone: nothing to add
        }
        return new long[] {jit, gc};
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
