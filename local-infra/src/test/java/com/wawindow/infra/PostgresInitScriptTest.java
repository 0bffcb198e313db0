package com.wawindow.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * postgres/init/01-service-roles.sql, run with psql as the postgres image runs it, on an embedded PostgreSQL of this
 * test's own (never the machine's shared server): each service's role owns its schema and nothing else.
 */
class PostgresInitScriptTest {

    @TempDir
    Path dir;

    @Test
    void eachServiceRoleOwnsOnlyItsOwnSchema() throws Exception {
        assumeTrue(psqlVersion() >= 15, "psql 15 or newer (for \\getenv) is not on this machine's PATH");
        try (var db = PostgresLocator.startEmbedded(dir.resolve("pg"), 0, "wawindow")) {
            int port = db.server().getPort();
            Path log = dir.resolve("psql.log");
            ProcessBuilder psql = new ProcessBuilder(List.of("psql", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                    "-p", String.valueOf(port), "-U", "postgres", "-d", "wawindow", "-f",
                    ProjectRoot.find().resolve("postgres/init/01-service-roles.sql").toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            psql.environment().put("TRACKER_DB_PASSWORD", "tracker-test-password");
            psql.environment().put("SENDER_DB_PASSWORD", "sender-test-password");
            psql.environment().put("CONSOLE_DB_PASSWORD", "console-test-password");
            psql.environment().put("PGPASSWORD", "postgres");
            Process process = psql.start();
            assertEquals(0, process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1,
                    Files.readString(log, StandardCharsets.UTF_8));

            String url = "jdbc:postgresql://127.0.0.1:" + port + "/wawindow";
            try (Connection tracker = DriverManager.getConnection(url, "tracker", "tracker-test-password");
                    Statement sql = tracker.createStatement()) {
                sql.execute("CREATE TABLE tracker.probe (id int)");
                sql.execute("INSERT INTO tracker.probe VALUES (1)");
                assertThrows(SQLException.class, () -> sql.execute("CREATE TABLE sender.probe (id int)"));
                assertThrows(SQLException.class, () -> sql.execute("CREATE TABLE public.probe (id int)"));
                assertThrows(SQLException.class, () -> sql.execute("CREATE ROLE intruder"));
                assertThrows(SQLException.class, () -> sql.execute("CREATE DATABASE other"));
                try (ResultSet role = sql.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
                    role.next();
                    assertFalse(role.getBoolean(1));
                }
            }
            try (Connection sender = DriverManager.getConnection(url, "sender", "sender-test-password");
                    Statement sql = sender.createStatement()) {
                sql.execute("CREATE TABLE sender.probe (id int)");
                assertThrows(SQLException.class, () -> sql.executeQuery("SELECT * FROM tracker.probe"));
                assertThrows(SQLException.class, () -> sql.execute("DROP SCHEMA tracker CASCADE"));
            }
        }
    }

    private static int psqlVersion() {
        try {
            Process p = new ProcessBuilder("psql", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            var m = java.util.regex.Pattern.compile("(\\d+)\\.").matcher(out);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (Exception e) {
            return 0;
        }
    }
}
