package com.wawindow.tracker;

import com.wawindow.infra.KafkaBrokerProcess;
import com.wawindow.infra.TopicProvisioner;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A Kafka broker of the broker-outage test's own, so stopping it never touches the broker the other tests of this JVM
 * share. The {@link Profile} starts it and points every channel of that test's application at it.
 *
 * <p>Quarkus loads a test profile and the test class in different class loaders, so this class's statics exist twice:
 * the profile's copy starts the process and publishes its address, data directory and pid as system properties
 * (strings: other code reads every system property as one), where the test's copy finds them to stop and start it.
 */
final class OwnBroker {

    private static final String PREFIX = "window-tracker.own-broker.";
    private static KafkaBrokerProcess broker;

    private OwnBroker() {
    }

    static String bootstrapServers() {
        return property("bootstrap");
    }

    /** Kills it, as a crash would (a clean shutdown takes seconds longer and tells the test nothing more). */
    static synchronized void kill() {
        ProcessHandle.of(Long.parseLong(property("pid"))).ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        });
    }

    /** Same port and data directory: the application's clients reconnect, the records are still there. */
    static synchronized void start() {
        try {
            String bootstrap = bootstrapServers();
            broker = KafkaBrokerProcess.start(Path.of(property("data-dir")),
                    Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1)), List.of());
            System.setProperty(PREFIX + "pid", Long.toString(broker.pid()));
        } catch (Exception e) {
            throw new IllegalStateException("the broker-outage test's broker did not come back: " + e.getMessage(), e);
        }
    }

    private static String property(String name) {
        String value = System.getProperty(PREFIX + name);
        if (value == null) {
            throw new IllegalStateException("no own broker: the test must run with @TestProfile(OwnBroker.Profile.class)");
        }
        return value;
    }

    private static synchronized String startOnce() {
        if (System.getProperty(PREFIX + "bootstrap") == null) {
            Path dataDir = Path.of("target", "own-broker-" + UUID.randomUUID()).toAbsolutePath();
            try {
                broker = KafkaBrokerProcess.start(dataDir, 0, List.of());
            } catch (Exception e) {
                throw new IllegalStateException("the broker-outage test could not start its own broker: " + e.getMessage(), e);
            }
            TopicProvisioner.ensureProjectTopics(broker.bootstrapServers());
            System.setProperty(PREFIX + "data-dir", dataDir.toString());
            System.setProperty(PREFIX + "pid", Long.toString(broker.pid()));
            System.setProperty(PREFIX + "bootstrap", broker.bootstrapServers());
        }
        return bootstrapServers();
    }

    /** Channel-level addresses, which win over the shared {@code kafka.bootstrap.servers} of InfraTestResource. */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            String bootstrap = startOnce();
            return Map.of(
                    "mp.messaging.incoming.inbound-messages.bootstrap.servers", bootstrap,
                    "mp.messaging.outgoing.inbound-dead-letters.bootstrap.servers", bootstrap,
                    "mp.messaging.outgoing.window-expired.bootstrap.servers", bootstrap,
                    "mp.messaging.outgoing.window-expiring-soon.bootstrap.servers", bootstrap,
                    // a claim gives its windows back after 2 s without acks, rather than the production 30 s
                    "expiry.send-timeout", "PT2S");
        }
    }
}
