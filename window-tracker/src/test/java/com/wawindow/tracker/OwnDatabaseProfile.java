package com.wawindow.tracker;

import com.wawindow.infra.OwnDatabase;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The database-outage tests' own PostgreSQL (local-infra's {@link OwnDatabase}: an embedded server they may stop,
 * never the shared one on 127.0.0.1:5432) and the broker-outage test's own broker ({@link OwnBroker}, started once per
 * JVM), so the application starts none of the shared infrastructure.
 */
public class OwnDatabaseProfile implements QuarkusTestProfile {

    /** The own database's name: {@code OwnDatabase.stop(NAME)}, {@code OwnDatabase.start(NAME)}. */
    static final String NAME = "tracker_outage";

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        String bootstrap = OwnBroker.startOnce();
        return Map.of(
                "quarkus.datasource.jdbc.url", OwnDatabase.startOnce(NAME),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "kafka.bootstrap.servers", bootstrap,
                "mp.messaging.incoming.inbound-messages.group.id", "window-tracker-database-outage");
    }
}
