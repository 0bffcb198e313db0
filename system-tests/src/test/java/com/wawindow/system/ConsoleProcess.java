package com.wawindow.system;

import com.wawindow.infra.DatabaseEndpoint;
import com.wawindow.infra.TestInfrastructure;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** ops-console as a process beside a {@link RunningSystem}, pointed at its tracker, sender and ingest. */
final class ConsoleProcess implements AutoCloseable {

    static final String ADMIN_PASSWORD = "browser-admin-password";
    private static final Duration READY = Duration.ofSeconds(120);

    private final ServiceProcess process;

    private ConsoleProcess(ServiceProcess process) {
        this.process = process;
    }

    /**
     * @param apiKey an admin key of the tracker and the sender
     * @param expiringSoonLead the tracker's WINDOW_EXPIRING_SOON_LEAD, so both call the same windows "expiring soon"
     */
    static ConsoleProcess start(RunningSystem system, String schema, String apiKey, Duration expiringSoonLead)
            throws IOException {
        DatabaseEndpoint db = TestInfrastructure.get().database();
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", db.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        env.put("DB_SCHEMA", schema);
        env.put("QUARKUS_FLYWAY_CLEAN_AT_START", "true");
        env.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        env.put("WINDOW_TRACKER_URL", system.url("window-tracker"));
        env.put("FOLLOWUP_SENDER_URL", system.url("followup-sender"));
        env.put("INGEST_SERVICE_URL", system.url("ingest-service"));
        env.put("CONSOLE_API_KEY", apiKey);
        env.put("CONSOLE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("CONSOLE_SESSION_KEY", "browser-test-session-key-0123456789");
        env.put("CONSOLE_EXPIRING_SOON_LEAD", expiringSoonLead.toString());
        return new ConsoleProcess(ServiceProcess.start("ops-console", env, ServiceProcess.freePort(), READY));
    }

    String url() {
        return process.baseUrl();
    }

    String logTail() {
        return process.logTail();
    }

    @Override
    public void close() {
        process.close();
    }
}
