package com.wawindow.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} application the shared broker and database of {@link TestInfrastructure}.
 * The schema each service uses is its own configuration; this resource only says where the servers are.
 */
public class InfraTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        TestInfrastructure infra = TestInfrastructure.get();
        return Map.of(
                "kafka.bootstrap.servers", infra.bootstrapServers(),
                "quarkus.datasource.jdbc.url", infra.database().jdbcUrl(),
                "quarkus.datasource.username", infra.database().username(),
                "quarkus.datasource.password", infra.database().password(),
                "wawindow.test.run-id", infra.runId());
    }

    @Override
    public void stop() {
        // The broker and database outlive one application start: the next test class reuses them,
        // and the JVM's shutdown hooks stop what this JVM started.
    }
}
