package com.wawindow.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * Finds a real PostgreSQL: the server on 127.0.0.1:5432 when it answers with the configured credentials,
 * else an embedded one (zonky's PostgreSQL binaries from Maven Central) started here.
 */
public final class PostgresLocator {

    private static final System.Logger LOG = System.getLogger(PostgresLocator.class.getName());

    private PostgresLocator() {
    }

    /** The local server, with {@code database} created when it is missing and the user may create it. */
    public static Optional<DatabaseEndpoint> localServer(String host, int port, String database, String user, String password) {
        String url = "jdbc:postgresql://" + host + ":" + port + "/" + database;
        if (canConnect(url, user, password)) {
            return Optional.of(new DatabaseEndpoint(url, user, password, "PostgreSQL server on " + host + ":" + port));
        }
        String maintenance = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = connect(maintenance, user, password)) {
            c.createStatement().execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
            LOG.log(Level.INFO, "created database {0} on {1}:{2}", database, host, String.valueOf(port));
            return Optional.of(new DatabaseEndpoint(url, user, password, "PostgreSQL server on " + host + ":" + port));
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts an embedded PostgreSQL. With {@code dataDir} null it lives in a temporary directory and
     * is thrown away; otherwise its data is kept there between runs.
     */
    public static EmbeddedDatabase startEmbedded(Path dataDir, int port, String database) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port == 0 ? FreePorts.find() : port);
        if (dataDir != null) {
            Files.createDirectories(dataDir);
            builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
        }
        EmbeddedPostgres postgres = builder.start();
        String url = postgres.getJdbcUrl("postgres", "postgres").replace("/postgres?", "/" + database + "?");
        if (!"postgres".equals(database)) {
            try (Connection c = postgres.getPostgresDatabase().getConnection()) {
                var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
                exists.setString(1, database);
                if (!exists.executeQuery().next()) {
                    c.createStatement().execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
                }
            } catch (SQLException e) {
                postgres.close();
                throw new IOException("cannot create database " + database + " in embedded PostgreSQL", e);
            }
        }
        LOG.log(Level.INFO, "embedded PostgreSQL ready on port {0}", String.valueOf(postgres.getPort()));
        return new EmbeddedDatabase(postgres, new DatabaseEndpoint(url, "postgres", "postgres",
                "embedded PostgreSQL on port " + postgres.getPort()));
    }

    static boolean canConnect(String url, String user, String password) {
        try (Connection c = connect(url, user, password)) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static Connection connect(String url, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "10");
        return DriverManager.getConnection(url, props);
    }

    /** An embedded PostgreSQL this process started; closing it stops the server. */
    public record EmbeddedDatabase(EmbeddedPostgres server, DatabaseEndpoint endpoint) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
