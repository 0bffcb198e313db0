package com.wawindow.infra;

import java.lang.System.Logger.Level;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The Testcontainers path, for machines with a Docker engine. Containers are removed by Ryuk at JVM exit. */
final class Containers {

    private static final System.Logger LOG = System.getLogger(Containers.class.getName());

    private Containers() {
    }

    static boolean dockerAvailable() {
        if ("false".equalsIgnoreCase(System.getenv("WAWINDOW_TESTCONTAINERS"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            LOG.log(Level.DEBUG, "no Docker engine: {0}", e.toString());
            return false;
        }
    }

    @SuppressWarnings("resource")
    static String kafka() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");
        kafka.start();
        return kafka.getBootstrapServers();
    }

    @SuppressWarnings("resource")
    static DatabaseEndpoint postgres() {
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");
        postgres.start();
        return new DatabaseEndpoint(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword(),
                "Testcontainers " + postgres.getDockerImageName());
    }
}
