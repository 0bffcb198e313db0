package com.wawindow.sender;

import com.wawindow.infra.OwnDatabase;
import com.wawindow.infra.TestInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The shared test broker with a PostgreSQL of the database-outage tests' own ({@link OwnDatabase}), which they stop
 * and start; the shared server is never stopped. {@link Profile} uses it instead of the global resources.
 */
public class OwnDatabaseResource implements QuarkusTestResourceLifecycleManager {

    /** The own database's name (its address is {@code OwnDatabase.jdbcUrl(NAME)}). */
    public static final String NAME = "sender_outage";

    @Override
    public Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.get();
        return Map.of(
                "kafka.bootstrap.servers", infra.bootstrapServers(),
                "wawindow.test.run-id", infra.runId(),
                "quarkus.datasource.jdbc.url", OwnDatabase.startOnce(NAME),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public void stop() {
        // the database outlives one application start; the JVM's shutdown hook stops it
    }

    /** The own database, the shared broker, the fake Twilio, and consumer retries that wait at most 1 s. */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OwnDatabaseResource.class), new TestResourceEntry(FakeTwilioResource.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("followup.consumer-retry-max-delay", "PT1S", "followup.database-check-interval", "1s");
        }
    }
}
