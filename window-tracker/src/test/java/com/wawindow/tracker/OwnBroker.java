package com.wawindow.tracker;

import com.wawindow.infra.DatabaseEndpoint;
import com.wawindow.infra.KafkaBrokerProcess;
import com.wawindow.infra.PostgresLocator;
import com.wawindow.infra.TopicProvisioner;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker of the broker-outage test's own, so stopping it never touches the broker the other tests of this JVM
 * share. The {@link Profile} starts it and points every channel of that test's application at it.
 *
 * <p>Quarkus loads a test profile and the test class in different class loaders, so this class's statics exist twice:
 * the profile's copy starts the process and publishes its address, data directory and pid as system properties
 * (strings: other code reads every system property as one), where the test's copy finds them to stop and start it.
 */
final class OwnBroker {

    private static final String PREFIX = "window-tracker.own-broker.";
    private static KafkaBrokerProcess broker;

    private OwnBroker() {
    }

    static String bootstrapServers() {
        return property("bootstrap");
    }

    /** Kills it, as a crash would (a clean shutdown takes seconds longer and tells the test nothing more). */
    static synchronized void kill() {
        ProcessHandle.of(Long.parseLong(property("pid"))).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
    }

    /** Same port and data directory: the application's clients reconnect, the records are still there. */
    static synchronized void start() {
        try {
            String bootstrap = bootstrapServers();
            broker = KafkaBrokerProcess.start(Path.of(property("data-dir")),
                    Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1)), List.of());
            System.setProperty(PREFIX + "pid", Long.toString(broker.pid()));
        } catch (Exception e) {
            throw new IllegalStateException("the broker-outage test's broker did not come back: " + e.getMessage(), e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(PREFIX + name);
        if (value == null) {
            throw new IllegalStateException("no own broker: the test must run with @TestProfile(OwnBroker.Profile.class)");
        }
        return value;
    }

    static synchronized String startOnce() {
        if (System.getProperty(PREFIX + "bootstrap") == null) {
            Path dataDir = Path.of("target", "own-broker-" + UUID.randomUUID()).toAbsolutePath();
            try {
                broker = KafkaBrokerProcess.start(dataDir, 0, List.of());
            } catch (Exception e) {
                throw new IllegalStateException("the broker-outage test could not start its own broker: " + e.getMessage(), e);
            }
            TopicProvisioner.ensureProjectTopics(broker.bootstrapServers());
            System.setProperty(PREFIX + "data-dir", dataDir.toString());
            System.setProperty(PREFIX + "pid", Long.toString(broker.pid()));
            System.setProperty(PREFIX + "bootstrap", broker.bootstrapServers());
        }
        return bootstrapServers();
    }

    /**
     * Channel-level addresses, which win over the shared {@code kafka.bootstrap.servers}. Where the database is the
     * local server or given by the environment, the shared test resources stay off, so this application starts no
     * shared broker it would not use.
     */
    public static class Profile implements QuarkusTestProfile {

        private static Optional<DatabaseEndpoint> localDatabase;

        @Override
        public boolean disableGlobalTestResources() {
            return databaseFromEnvironment() || localDatabase().isPresent();
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            String bootstrap = startOnce();
            Map<String, String> overrides = new HashMap<>(Map.of(
                    "mp.messaging.incoming.inbound-messages.bootstrap.servers", bootstrap,
                    "mp.messaging.outgoing.inbound-dead-letters.bootstrap.servers", bootstrap,
                    "mp.messaging.outgoing.window-expired.bootstrap.servers", bootstrap,
                    "mp.messaging.outgoing.window-expiring-soon.bootstrap.servers", bootstrap,
                    "kafka.bootstrap.servers", bootstrap,
                    // a claim gives its windows back after 2 s without acks, rather than the production 30 s
                    "expiry.send-timeout", "PT2S"));
            if (!databaseFromEnvironment()) {
                localDatabase().ifPresent(db -> overrides.putAll(Map.of("quarkus.datasource.jdbc.url", db.jdbcUrl(),
                        "quarkus.datasource.username", db.username(), "quarkus.datasource.password", db.password())));
            }
            return overrides;
        }

        /** Quarkus reads QUARKUS_DATASOURCE_JDBC_URL (and _USERNAME, _PASSWORD) itself. */
        private static boolean databaseFromEnvironment() {
            String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
            return url != null && !url.isBlank();
        }

        /** The PostgreSQL server the shared infrastructure would pick first (PGHOST, PGDATABASE, ...). */
        private static synchronized Optional<DatabaseEndpoint> localDatabase() {
            if (localDatabase == null) {
                localDatabase = PostgresLocator.localServer(env("PGHOST", "127.0.0.1"), Integer.parseInt(env("PGPORT", "5432")),
                        env("PGDATABASE", "test"), env("PGUSER", "postgres"), env("PGPASSWORD", "postgres"));
            }
            return localDatabase;
        }

        private static String env(String name, String fallback) {
            String value = System.getenv(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
