package com.wawindow.infra;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run as its own
 * JVM from the jars that module {@code kafka-broker} resolves from Maven Central. No Docker, no install.
 *
 * <p>The data directory is formatted once and reused when it already holds a cluster, so
 * {@code ./run-local.sh} keeps its topics between runs while tests start from an empty directory.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KafkaBrokerProcess.class.getName());
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    static final String LOG_DIRS = "kraft-logs";

    private final Process process;
    private final String bootstrapServers;
    private final Path dataDir;
    private final int port;
    private final List<String> javaOpts;
    private final Path logFile;

    private KafkaBrokerProcess(Process process, Path dataDir, int port, List<String> javaOpts, Path logFile) {
        this.process = process;
        this.bootstrapServers = "127.0.0.1:" + port;
        this.dataDir = dataDir;
        this.port = port;
        this.javaOpts = List.copyOf(javaOpts);
        this.logFile = logFile;
    }

    /**
     * Starts the broker and returns once it answers an admin request.
     *
     * @param dataDir    where the broker keeps its log segments, config and output
     * @param port       client port on 127.0.0.1, 0 for any free port
     * @param javaOpts   extra JVM options for the broker, e.g. heap size
     */
    public static KafkaBrokerProcess start(Path dataDir, int port, List<String> javaOpts) throws IOException {
        int clientPort = port == 0 ? FreePorts.find() : port;
        Path config = writeConfig(dataDir, clientPort);
        Path log4j = dataDir.resolve("log4j2.properties");
        Path logFile = dataDir.resolve("broker.log");
        String classpath = BrokerClasspath.resolve();

        if (!Files.exists(dataDir.resolve(LOG_DIRS).resolve("meta.properties"))) {
            formatStorage(dataDir, classpath, newClusterId());
        }

        List<String> command = new ArrayList<>(javaCommand(classpath, log4j));
        command.addAll(javaOpts);
        command.add("kafka.Kafka");
        command.add(config.toString());
        Process process = new ProcessBuilder(command)
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        KafkaBrokerProcess broker = new KafkaBrokerProcess(process, dataDir, clientPort, javaOpts, logFile);
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-broker-stop"));
        broker.awaitReady();
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the broker the way an operator would (SIGTERM), then forcibly after 20 s. */
    @Override
    public void close() {
        Processes.stopGracefully(process);
    }

    /**
     * Starts this broker again on the same port and data directory, after {@link #close()} or {@link #kill()}:
     * clients configured with {@link #bootstrapServers()} reconnect to it, and it still holds its records.
     */
    public KafkaBrokerProcess restart() throws IOException {
        close();
        return start(dataDir, port, javaOpts);
    }

    /** Kills the broker without a clean shutdown, as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with code " + process.exitValue()
                        + " during start-up; its output:\n" + tail(logFile));
            }
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000))) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                LOG.log(Level.INFO, "Kafka broker ready on {0} (pid {1})", bootstrapServers, String.valueOf(process.pid()));
                return;
            } catch (Exception e) {
                last = e;
                sleep(250);
            }
        }
        close();
        throw new IllegalStateException("Kafka broker did not become ready on " + bootstrapServers + " within "
                + START_TIMEOUT.toSeconds() + " s (last error: " + last + "); its output:\n" + tail(logFile));
    }

    /**
     * A new cluster id as Kafka's own tools make one: {@link Uuid#randomUuid()} never returns an id whose text
     * starts with {@code -} (one random base64url id in 64 does, and the storage tool would read it as an option).
     */
    static String newClusterId() {
        return Uuid.randomUuid().toString();
    }

    /**
     * Formats the storage of {@code dataDir} (written by {@link #writeConfig}) for {@code clusterId} with Kafka's
     * storage tool. The id is passed as {@code --cluster-id=<id>}, one argument, so no id can be taken for an option.
     */
    static void formatStorage(Path dataDir, String classpath, String clusterId) throws IOException {
        runToCompletion(dataDir, classpath, dataDir.resolve("log4j2.properties"), List.of("kafka.tools.StorageTool",
                "format", "--ignore-formatted", "--cluster-id=" + clusterId,
                "--config=" + dataDir.resolve("server.properties")));
    }

    /** Writes the broker's and its logging's configuration into {@code dataDir}; returns the broker's. */
    static Path writeConfig(Path dataDir, int clientPort) throws IOException {
        Files.createDirectories(dataDir);
        Path config = dataDir.resolve("server.properties");
        writeServerProperties(config, dataDir.resolve(LOG_DIRS), clientPort, FreePorts.find());
        writeLog4j(dataDir.resolve("log4j2.properties"), dataDir.resolve("broker-server.log"));
        return config;
    }

    private static void writeServerProperties(Path file, Path logDirs, int clientPort, int controllerPort)
            throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDirs.toString());
        p.setProperty("num.partitions", "4");
        p.setProperty("default.replication.factor", "1");
        p.setProperty("min.insync.replicas", "1");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("log.retention.hours", "168");
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(out, "written by KafkaBrokerProcess");
        }
    }

    private static void writeLog4j(Path file, Path serverLog) throws IOException {
        Files.writeString(file, String.join("\n",
                "status = warn",
                "appender.file.type = File",
                "appender.file.name = FILE",
                "appender.file.fileName = " + serverLog,
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = FILE",
                "logger.kafka.name = kafka",
                "logger.kafka.level = WARN",
                "logger.apache.name = org.apache.kafka",
                "logger.apache.level = WARN",
                "logger.started.name = kafka.server.KafkaRaftServer",
                "logger.started.level = INFO",
                ""));
    }

    private static List<String> javaCommand(String classpath, Path log4j) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-Xms128m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true", "-Dlog4j2.configurationFile=" + log4j.toUri(), "-cp", classpath);
    }

    private static void runToCompletion(Path dir, String classpath, Path log4j, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(javaCommand(classpath, log4j));
        command.addAll(args);
        Path out = dir.resolve("storage-format.log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed:\n" + tail(out));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
