package com.wawindow.infra;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * An embedded PostgreSQL (zonky, {@link PostgresLocator}) that a database-outage test owns and may stop, never the
 * shared server. Started once per JVM and name; its address travels as a system property and stop / start go through
 * a platform MBean, because a Quarkus test, its profile and its test resources live in different class loaders (the
 * calls run where zonky started the server: a fast shutdown, then a start on the same port and data directory).
 */
public final class OwnDatabase {

    private static final String PREFIX = "wawindow.own-database.";

    private OwnDatabase() {
    }

    /** Starts the database {@code name} unless this JVM did already; returns its JDBC URL (user and password postgres). */
    public static synchronized String startOnce(String name) {
        if (System.getProperty(PREFIX + name) == null) {
            Path dataDir = Path.of("target", "own-database-" + UUID.randomUUID()).toAbsolutePath();
            try {
                Control control = new Control(dataDir, PostgresLocator.startEmbedded(dataDir, 0, name), name);
                ManagementFactory.getPlatformMBeanServer().registerMBean(
                        new StandardMBean(control, ControlMBean.class), objectName(name));
                Runtime.getRuntime().addShutdownHook(new Thread(control::stop, "own-database-stop-" + name));
                System.setProperty(PREFIX + name, control.server.endpoint().jdbcUrl());
            } catch (Exception e) {
                throw new IllegalStateException("could not start the own PostgreSQL " + name + ": " + e.getMessage(), e);
            }
        }
        return jdbcUrl(name);
    }

    public static String jdbcUrl(String name) {
        String url = System.getProperty(PREFIX + name);
        if (url == null) {
            throw new IllegalStateException("no own database " + name + ": start it with OwnDatabase.startOnce first");
        }
        return url;
    }

    /** Stops the server (a fast shutdown); connections are refused until {@link #start(String)}. */
    public static void stop(String name) throws Exception {
        ManagementFactory.getPlatformMBeanServer().invoke(objectName(name), "stop", null, null);
    }

    /** Starts the stopped server again, same data directory and port, and waits until it answers. */
    public static void start(String name) throws Exception {
        ManagementFactory.getPlatformMBeanServer().invoke(objectName(name), "start", null, null);
        Instant deadline = Instant.now().plusSeconds(30);
        while (!answers(name)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the own database " + name + " does not answer after its start");
            }
            Thread.sleep(Duration.ofMillis(200).toMillis());
        }
    }

    public static boolean answers(String name) {
        try (var connection = DriverManager.getConnection(jdbcUrl(name), "postgres", "postgres")) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static ObjectName objectName(String name) throws Exception {
        return new ObjectName("com.wawindow.infra:type=OwnDatabase,name=" + ObjectName.quote(name));
    }

    /** Stop and start, reachable from any class loader through the platform MBean server (JDK types only). */
    public interface ControlMBean {
        void stop();

        void start();
    }

    /** Lives in the class loader that started the embedded server. */
    static final class Control implements ControlMBean {

        private final Path dataDir;
        private final int port;
        private final String database;
        private volatile PostgresLocator.EmbeddedDatabase server;

        Control(Path dataDir, PostgresLocator.EmbeddedDatabase server, String database) {
            this.dataDir = dataDir;
            this.server = server;
            this.database = database;
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
                server = PostgresLocator.startEmbedded(dataDir, port, database);
            } catch (IOException e) {
                throw new IllegalStateException("the own database did not come back: " + e.getMessage(), e);
            }
        }
    }
}
