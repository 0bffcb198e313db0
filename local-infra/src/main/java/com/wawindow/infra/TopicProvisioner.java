package com.wawindow.infra;

import com.wawindow.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates exactly the project's topics, {@link Topics#all()}, before any service starts. Without it the first
 * producer creates a topic on the fly and a consumer that subscribed earlier only notices at its next metadata
 * refresh, tens of seconds later. Partitions, replication factor and {@code min.insync.replicas} come from the
 * environment ({@link Settings#fromEnvironment}); docker-compose.yml's topic init uses the same variables.
 */
public final class TopicProvisioner {

    private TopicProvisioner() {
    }

    /**
     * How the topics are created.
     *
     * @param partitions        {@code KAFKA_TOPIC_PARTITIONS}, default 4
     * @param replicationFactor {@code KAFKA_TOPIC_REPLICATION_FACTOR}, default 1 (one local broker; 3 in production)
     * @param minInSyncReplicas {@code KAFKA_TOPIC_MIN_INSYNC_REPLICAS}, default 1 (2 in production, so acks=all
     *                          means two brokers have the record)
     */
    public record Settings(int partitions, short replicationFactor, int minInSyncReplicas) {

        public static final Settings LOCAL = new Settings(4, (short) 1, 1);

        public Settings {
            if (partitions < 1 || replicationFactor < 1 || minInSyncReplicas < 1) {
                throw new IllegalArgumentException("KAFKA_TOPIC_PARTITIONS, KAFKA_TOPIC_REPLICATION_FACTOR and "
                        + "KAFKA_TOPIC_MIN_INSYNC_REPLICAS are at least 1");
            }
            if (minInSyncReplicas > replicationFactor) {
                throw new IllegalArgumentException("KAFKA_TOPIC_MIN_INSYNC_REPLICAS (" + minInSyncReplicas
                        + ") is more than KAFKA_TOPIC_REPLICATION_FACTOR (" + replicationFactor
                        + "): no acks=all write could ever succeed");
            }
        }

        public static Settings fromEnvironment() {
            return from(System::getenv);
        }

        static Settings from(Function<String, String> env) {
            return new Settings(number(env, "KAFKA_TOPIC_PARTITIONS", LOCAL.partitions()),
                    (short) number(env, "KAFKA_TOPIC_REPLICATION_FACTOR", LOCAL.replicationFactor()),
                    number(env, "KAFKA_TOPIC_MIN_INSYNC_REPLICAS", LOCAL.minInSyncReplicas()));
        }

        private static int number(Function<String, String> env, String name, int fallback) {
            String value = env.apply(name);
            if (value == null || value.isBlank()) {
                return fallback;
            }
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " is not a number: " + value);
            }
        }
    }

    /** {@link #ensureProjectTopics(String, Settings)} with the environment's settings. */
    public static void ensureProjectTopics(String bootstrapServers) {
        ensureProjectTopics(bootstrapServers, Settings.fromEnvironment());
    }

    /** Creates each topic of {@link Topics#all()} that the broker does not have yet; leaves existing ones as they are. */
    public static void ensureProjectTopics(String bootstrapServers, Settings settings) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.all().stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, settings.partitions(), settings.replicationFactor())
                            .configs(Map.of("min.insync.replicas", String.valueOf(settings.minInSyncReplicas()))))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the project's topics on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }
}
