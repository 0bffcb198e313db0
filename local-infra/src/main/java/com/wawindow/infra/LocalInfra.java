package com.wawindow.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The infrastructure half of {@code ./run-local.sh}: a KRaft broker whose data is kept under
 * {@code .local/kafka}, and PostgreSQL (the local server, else an embedded one under {@code .local/postgres}).
 * Writes the addresses as shell variables to {@code .local/infra.env}, then runs until it is stopped.
 *
 * <p>Arguments: {@code <local dir> <kafka port> <database name>}.
 */
public final class LocalInfra {

    private LocalInfra() {
    }

    public static void main(String[] args) throws Exception {
        Path local = Path.of(args.length > 0 ? args[0] : ".local").toAbsolutePath();
        int kafkaPort = Integer.parseInt(args.length > 1 ? args[1] : "9092");
        String database = args.length > 2 ? args[2] : "wawindow";
        Files.createDirectories(local);
        Path envFile = local.resolve("infra.env");
        Files.deleteIfExists(envFile);

        String bootstrap = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        KafkaBrokerProcess broker = null;
        if (bootstrap == null || bootstrap.isBlank()) {
            if (!FreePorts.isFree(kafkaPort)) {
                throw new IllegalStateException("port " + kafkaPort + " is taken: stop what runs there or set KAFKA_PORT");
            }
            broker = KafkaBrokerProcess.start(local.resolve("kafka"), kafkaPort, List.of());
            bootstrap = broker.bootstrapServers();
        }
        TopicProvisioner.ensureProjectTopics(bootstrap);

        DatabaseEndpoint db;
        PostgresLocator.EmbeddedDatabase embedded = null;
        String configuredUrl = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (configuredUrl != null && !configuredUrl.isBlank()) {
            db = new DatabaseEndpoint(configuredUrl, env("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                    env("QUARKUS_DATASOURCE_PASSWORD", "postgres"), "QUARKUS_DATASOURCE_JDBC_URL");
        } else {
            var server = PostgresLocator.localServer(env("PGHOST", "127.0.0.1"), Integer.parseInt(env("PGPORT", "5432")),
                    database, env("PGUSER", "postgres"), env("PGPASSWORD", "postgres"));
            if (server.isPresent()) {
                db = server.get();
            } else {
                embedded = PostgresLocator.startEmbedded(local.resolve("postgres"), Integer.parseInt(env("EMBEDDED_PG_PORT", "15432")), database);
                db = embedded.endpoint();
            }
        }

        Files.writeString(envFile, String.join("\n",
                "KAFKA_BOOTSTRAP_SERVERS='" + bootstrap + "'",
                "QUARKUS_DATASOURCE_JDBC_URL='" + db.jdbcUrl() + "'",
                "QUARKUS_DATASOURCE_USERNAME='" + db.username() + "'",
                "QUARKUS_DATASOURCE_PASSWORD='" + db.password() + "'",
                "INFRA_DESCRIPTION='Kafka " + bootstrap + (broker != null ? " (KRaft process, pid " + broker.pid() + ")" : "")
                        + ", " + db.origin() + "'",
                ""), StandardCharsets.UTF_8);
        System.out.println("infrastructure ready: Kafka " + bootstrap + ", " + db.origin());

        CountDownLatch stopped = new CountDownLatch(1);
        KafkaBrokerProcess ownedBroker = broker;
        PostgresLocator.EmbeddedDatabase ownedDb = embedded;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (ownedBroker != null) {
                ownedBroker.close();
            }
            if (ownedDb != null) {
                try {
                    ownedDb.close();
                } catch (IOException ignored) {
                    // stopping anyway
                }
            }
            stopped.countDown();
        }, "local-infra-stop"));
        while (ownedBroker == null || ownedBroker.isAlive()) {
            if (stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                return;
            }
        }
        System.err.println("the Kafka broker stopped unexpectedly; see " + local.resolve("kafka/broker.log"));
        System.exit(1);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
