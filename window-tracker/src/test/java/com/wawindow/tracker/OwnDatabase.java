package com.wawindow.tracker;

import com.wawindow.infra.PostgresLocator;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.awaitility.Awaitility;

/**
 * An embedded PostgreSQL (zonky, from local-infra's {@link PostgresLocator}) of the database-outage tests' own, so
 * stopping it never touches the shared server on 127.0.0.1:5432. The {@link Profile} starts it (data kept in
 * {@code target/}) and points the application's datasource at it. As with {@link OwnBroker}, the profile and the test
 * live in different class loaders: the address travels as a system property, and the test stops and starts the server
 * through a platform MBean ({@link ControlMBean}) whose calls run where zonky started it (a fast shutdown, then a
 * start on the same port and data directory).
 */
final class OwnDatabase {

    private static final String PREFIX = "window-tracker.own-database.";
    private static final String CONTROL = "com.wawindow.tracker:type=OwnDatabase";
    private static final String DATABASE = "tracker_outage";

    private OwnDatabase() {
    }

    static String jdbcUrl() {
        return property("url");
    }

    /** Stops the server (a fast shutdown); connections are refused until {@link #start()}. */
    static void stop() throws Exception {
        ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(CONTROL), "stop", null, null);
    }

    /** Starts the stopped server again: same data directory and port. */
    static void start() throws Exception {
        ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(CONTROL), "start", null, null);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(OwnDatabase::answers);
    }

    static boolean answers() {
        try (var connection = DriverManager.getConnection(jdbcUrl(), "postgres", "postgres")) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static String property(String name) {
        String value = System.getProperty(PREFIX + name);
        if (value == null) {
            throw new IllegalStateException("no own database: the test must run with @TestProfile(OwnDatabase.Profile.class)");
        }
        return value;
    }

    private static synchronized String startOnce() {
        if (System.getProperty(PREFIX + "url") == null) {
            Path dataDir = Path.of("target", "own-database-" + UUID.randomUUID()).toAbsolutePath();
            try {
                Control control = new Control(dataDir, PostgresLocator.startEmbedded(dataDir, 0, DATABASE));
                ManagementFactory.getPlatformMBeanServer().registerMBean(
                        new StandardMBean(control, ControlMBean.class), new ObjectName(CONTROL));
                Runtime.getRuntime().addShutdownHook(new Thread(control::stop, "own-database-stop"));
                System.setProperty(PREFIX + "url", control.server.endpoint().jdbcUrl());
            } catch (Exception e) {
                throw new IllegalStateException("the database-outage test could not start its own PostgreSQL: " + e.getMessage(), e);
            }
        }
        return jdbcUrl();
    }

    /** Stop and start, reachable from the test's class loader through the platform MBean server (JDK types only). */
    public interface ControlMBean {
        void stop();

        void start();
    }

    /** Lives in the profile's class loader, where the embedded server was started. */
    static final class Control implements ControlMBean {

        private final Path dataDir;
        private final int port;
        private volatile PostgresLocator.EmbeddedDatabase server;

        Control(Path dataDir, PostgresLocator.EmbeddedDatabase server) {
            this.dataDir = dataDir;
            this.server = server;
            this.port = server.server().getPort();
        }

        @Override
        public synchronized void stop() {
            try {
                server.close(); // pg_ctl stop -m fast; the data directory is kept
            } catch (IOException e) {
                throw new IllegalStateException("the own database did not stop: " + e.getMessage(), e);
            }
        }

        @Override
        public synchronized void start() {
            try {
                server = PostgresLocator.startEmbedded(dataDir, port, DATABASE);
            } catch (IOException e) {
                throw new IllegalStateException("the own database did not come back: " + e.getMessage(), e);
            }
        }
    }

    /**
     * This test's own database and the broker-outage test's own broker ({@link OwnBroker}, started once per JVM), so
     * the application starts none of the shared infrastructure.
     */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            String bootstrap = OwnBroker.startOnce();
            return Map.of(
                    "quarkus.datasource.jdbc.url", startOnce(),
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres",
                    "kafka.bootstrap.servers", bootstrap,
                    "mp.messaging.incoming.inbound-messages.group.id", "window-tracker-database-outage");
        }
    }
}
