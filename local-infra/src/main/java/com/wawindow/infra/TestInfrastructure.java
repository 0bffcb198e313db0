package com.wawindow.infra;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One Kafka broker and one PostgreSQL database for every test in this JVM, chosen in this order:
 * <ol>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS} / {@code QUARKUS_DATASOURCE_JDBC_URL} (+ {@code _USERNAME}, {@code _PASSWORD}) when set;</li>
 *   <li>Testcontainers ({@code apache/kafka}, {@code postgres}) when a Docker engine answers;</li>
 *   <li>a KRaft broker process ({@link KafkaBrokerProcess}) with an empty data directory, and the PostgreSQL
 *       server on 127.0.0.1:5432 or else an embedded one ({@link PostgresLocator}).</li>
 * </ol>
 * A broker started here is new, so its topics hold nothing from an earlier run. Code that needs only the database
 * (the system tests, whose running systems each have a broker of their own) asks {@link #database()} and starts no
 * broker.
 */
public final class TestInfrastructure {

    private static final System.Logger LOG = System.getLogger(TestInfrastructure.class.getName());
    private static volatile TestInfrastructure instance;
    private static volatile DatabaseEndpoint sharedDatabase;

    private final String runId;
    private final String bootstrapServers;
    private final DatabaseEndpoint database;
    private volatile KafkaBrokerProcess brokerProcess;

    private TestInfrastructure(String runId, String bootstrapServers, DatabaseEndpoint database,
            KafkaBrokerProcess brokerProcess) {
        this.runId = runId;
        this.bootstrapServers = bootstrapServers;
        this.database = database;
        this.brokerProcess = brokerProcess;
    }

    public static TestInfrastructure get() {
        TestInfrastructure local = instance;
        if (local == null) {
            synchronized (TestInfrastructure.class) {
                local = instance;
                if (local == null) {
                    local = start();
                    instance = local;
                }
            }
        }
        return local;
    }

    /** The test database alone, chosen as {@link #get()} chooses it, without starting any broker. */
    public static DatabaseEndpoint sharedDatabase() {
        DatabaseEndpoint local = sharedDatabase;
        if (local == null) {
            synchronized (TestInfrastructure.class) {
                local = sharedDatabase;
                if (local == null) {
                    local = startDatabase(isBlank(System.getenv("QUARKUS_DATASOURCE_JDBC_URL")) && Containers.dockerAvailable());
                    sharedDatabase = local;
                }
            }
        }
        return local;
    }

    /** Unique per JVM: for consumer group ids and names that must not meet an earlier run's. */
    public String runId() {
        return runId;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public DatabaseEndpoint database() {
        return database;
    }

    /** The broker process when this JVM started one, for tests that stop and restart it. */
    public KafkaBrokerProcess brokerProcess() {
        if (brokerProcess == null) {
            throw new IllegalStateException("the broker was not started by this JVM (" + bootstrapServers + ")");
        }
        return brokerProcess;
    }

    public boolean ownsBroker() {
        return brokerProcess != null;
    }

    /** Stops this JVM's broker (SIGTERM, as an operator would), for tests of what happens without it. */
    public synchronized void stopBroker() {
        brokerProcess().close();
    }

    /** Starts this JVM's broker again on the same address, with the records it had. */
    public synchronized void startBroker() {
        try {
            brokerProcess = brokerProcess().restart();
        } catch (Exception e) {
            throw new IllegalStateException("the Kafka broker did not come back: " + e.getMessage(), e);
        }
    }

    private static TestInfrastructure start() {
        String runId = LocalDateTime.now().format(DateTimeFormatter.ofPattern("MMddHHmmss", Locale.ROOT))
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        String externalKafka = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        String externalDb = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        boolean docker = (isBlank(externalKafka) || isBlank(externalDb)) && Containers.dockerAvailable();

        String bootstrap;
        KafkaBrokerProcess broker = null;
        if (!isBlank(externalKafka)) {
            bootstrap = externalKafka;
            LOG.log(Level.INFO, "tests use the Kafka broker at {0} (KAFKA_BOOTSTRAP_SERVERS)", bootstrap);
        } else if (docker) {
            bootstrap = Containers.kafka();
        } else {
            try {
                broker = KafkaBrokerProcess.start(Path.of("target", "test-kafka-" + runId).toAbsolutePath(), 0, List.of());
            } catch (Exception e) {
                throw new IllegalStateException("No Kafka broker for the tests: KAFKA_BOOTSTRAP_SERVERS is not set, "
                        + "no Docker engine answers, and the KRaft broker process failed to start: " + e.getMessage(), e);
            }
            bootstrap = broker.bootstrapServers();
        }
        TopicProvisioner.ensureProjectTopics(bootstrap);

        DatabaseEndpoint database;
        synchronized (TestInfrastructure.class) {
            if (sharedDatabase == null) {
                sharedDatabase = startDatabase(docker);
            }
            database = sharedDatabase;
        }
        LOG.log(Level.INFO, "test infrastructure {0}: Kafka {1}, database {2} ({3})", runId, bootstrap,
                database.jdbcUrl(), database.origin());
        return new TestInfrastructure(runId, bootstrap, database, broker);
    }

    private static DatabaseEndpoint startDatabase(boolean docker) {
        String externalDb = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (!isBlank(externalDb)) {
            return new DatabaseEndpoint(externalDb, env("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                    env("QUARKUS_DATASOURCE_PASSWORD", "postgres"), "QUARKUS_DATASOURCE_JDBC_URL");
        }
        if (docker) {
            return Containers.postgres();
        }
        return PostgresLocator.localServer(env("PGHOST", "127.0.0.1"), Integer.parseInt(env("PGPORT", "5432")),
                        env("PGDATABASE", "test"), env("PGUSER", "postgres"), env("PGPASSWORD", "postgres"))
                .orElseGet(TestInfrastructure::embeddedDatabase);
    }

    private static DatabaseEndpoint embeddedDatabase() {
        try {
            PostgresLocator.EmbeddedDatabase embedded = PostgresLocator.startEmbedded(null, 0, "test");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (Exception ignored) {
                    // the JVM is going away either way
                }
            }, "embedded-postgres-stop"));
            return embedded.endpoint();
        } catch (Exception e) {
            throw new IllegalStateException("No PostgreSQL for the tests: nothing answers on 127.0.0.1:5432 and the "
                    + "embedded PostgreSQL failed to start: " + e.getMessage(), e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return isBlank(value) ? fallback : value;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
