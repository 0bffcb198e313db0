package com.wawindow.infra;

import com.wawindow.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the project's topics before any service starts. Without it the first producer creates a topic
 * on the fly and a consumer that subscribed earlier only notices at its next metadata refresh, tens of
 * seconds later.
 */
public final class TopicProvisioner {

    public static final int PARTITIONS = 4;

    private TopicProvisioner() {
    }

    public static void ensureProjectTopics(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream().filter(topic -> !existing.contains(topic))
                    .map(topic -> new NewTopic(topic, PARTITIONS, (short) 1))
                    .collect(Collectors.toList());
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the project's topics on " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }
}
