package com.wawindow.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A Kafka broker process of its own for a {@code @QuarkusTest} that stops and restarts the broker: the test stops
 * only what it started, never the broker every other test in the JVM shares, nor one it was given
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, Testcontainers). Use it with {@code @WithTestResource(OwnBrokerTestResource.class)}
 * and no other resource that sets {@code kafka.bootstrap.servers}; the test gets an {@link OwnedBroker} field
 * injected, and skips itself (with {@link OwnedBroker#reason()}) when no broker could be started here.
 */
public class OwnBrokerTestResource implements QuarkusTestResourceLifecycleManager {

    private static final System.Logger LOG = System.getLogger(OwnBrokerTestResource.class.getName());

    private OwnedBroker owned;

    @Override
    public Map<String, String> start() {
        try {
            KafkaBrokerProcess broker = KafkaBrokerProcess.start(
                    Path.of("target", "own-kafka-" + UUID.randomUUID()).toAbsolutePath(), 0, List.of());
            TopicProvisioner.ensureProjectTopics(broker.bootstrapServers());
            owned = new OwnedBroker(broker, null);
            return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "no Kafka broker of its own for this test: {0}", e.toString());
            owned = new OwnedBroker(null, "no Kafka broker process of its own could be started here ("
                    + e.getMessage() + "); this test stops its broker, and stops no broker it does not own");
            // a closed port: the application starts, the test skips itself
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + FreePorts.find());
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(owned, new TestInjector.MatchesType(OwnedBroker.class));
    }

    @Override
    public void stop() {
        if (owned != null && owned.broker() != null) {
            owned.broker().close();
        }
    }

    /** The broker a test owns, or why it has none ({@code broker} null). Restarting replaces the process. */
    public static final class OwnedBroker {

        private volatile KafkaBrokerProcess broker;
        private final String reason;

        OwnedBroker(KafkaBrokerProcess broker, String reason) {
            this.broker = broker;
            this.reason = reason;
        }

        public boolean available() {
            return broker != null;
        }

        /** Why there is no broker; null when there is one. */
        public String reason() {
            return reason;
        }

        public KafkaBrokerProcess broker() {
            return broker;
        }

        public String bootstrapServers() {
            return broker.bootstrapServers();
        }

        /** Stops the broker (SIGTERM, as an operator would). */
        public synchronized void stop() {
            broker.close();
        }

        /** Starts it again on the same address and data, with the records it had. */
        public synchronized void start() {
            try {
                broker = broker.restart();
            } catch (Exception e) {
                throw new IllegalStateException("the test's Kafka broker did not come back: " + e.getMessage(), e);
            }
        }
    }
}
