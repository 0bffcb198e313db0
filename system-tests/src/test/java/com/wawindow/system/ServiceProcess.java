package com.wawindow.system;

import com.wawindow.infra.FreePorts;
import com.wawindow.infra.Processes;
import com.wawindow.infra.ProjectRoot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One of the three services, started from its packaged jar the way an operator would run it. */
final class ServiceProcess implements AutoCloseable {

    /**
     * The services' JVM options; {@code -Dservices.java-options=...} sets others ({@code ./bench.sh} passes the
     * production flags of {@code ./run-local.sh}, -Xmx160m). The ITs keep -Xmx384m, with which every suite run so
     * far passed (ScaleOutIT's rate check at the edge runs within 10 % of its limit here); the smaller heap has been
     * measured by the bench only, not yet under the fault and scale-out suites.
     */
    static final String JAVA_OPTIONS = System.getProperty("services.java-options", "-Xmx384m -XX:+UseSerialGC");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final long launchedNanos;
    private Duration readyAfter;

    private ServiceProcess(String name, Process process, int port, Path log, long launchedNanos) {
        this.name = name;
        this.launchedNanos = launchedNanos;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static int freePort() {
        return FreePorts.find();
    }

    /** Starts the service on a given port, e.g. again on the port it had before it was killed. */
    static ServiceProcess start(String module, Map<String, String> env, int port, Duration readyTimeout) throws IOException {
        return start(module, env, port, readyTimeout, 0);
    }

    /**
     * As {@link #start(String, Map, int, Duration)}, at {@code niceness} (nice(1), 0 for the usual priority): a test
     * whose fake Twilio must stamp arrivals promptly runs the services below the test JVM, where that fake lives.
     */
    static ServiceProcess start(String module, Map<String, String> env, int port, Duration readyTimeout, int niceness)
            throws IOException {
        Path jar = ProjectRoot.find().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw verify builds them before this test)");
        }
        Path log = Path.of("target", module + "-" + port + "-" + System.currentTimeMillis() + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (niceness != 0) {
            // nice execs the JVM: the process's pid stays the service's, for SIGKILL and /proc
            command.addAll(List.of("nice", "-n", Integer.toString(niceness)));
        }
        command.add(java);
        command.addAll(List.of(JAVA_OPTIONS.trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = new HashMap<>(env);
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        environment.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().putAll(environment);
        long launched = System.nanoTime();
        ServiceProcess service = new ServiceProcess(module, builder.start(), port, log, launched);
        service.awaitReady(readyTimeout);
        return service;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    /** Everything the process wrote to stdout and stderr (its whole log: the prod profile logs to the console). */
    Path log() {
        return log;
    }

    /** From the process's start to the first 200 of {@code /q/health/ready} (asked every 100 ms). */
    Duration readyAfter() {
        return readyAfter;
    }

    long pid() {
        return process.pid();
    }

    /** Resident set size in MiB, from /proc (Linux). */
    long rssMiB() {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it was ready:\n" + logTail());
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    readyAfter = Duration.ofNanos(System.nanoTime() - launchedNanos);
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException(name + " not ready within " + timeout.toSeconds() + " s (last: " + last + "):\n" + logTail());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye, as a crash or an OOM kill. */
    void kill() {
        try {
            process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        Processes.stopGracefully(process);
    }
}
