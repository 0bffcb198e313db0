package com.wawindow.sender.config;

import com.wawindow.events.Topics;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The channels' topic and dead-letter topic names, from {@link Topics} only (no topic name is written twice). Its
 * ordinal is below application.properties and the environment, so a deployment may still rename a topic.
 */
public class TopicConfigSource implements ConfigSource {

    private static final Map<String, String> TOPICS = Map.of(
            "mp.messaging.incoming.window-expired.topic", Topics.WINDOW_EXPIRED,
            "mp.messaging.incoming.window-expired.dead-letter-queue.topic", Topics.WINDOW_EXPIRED_DLQ,
            "mp.messaging.incoming.inbound-messages.topic", Topics.INBOUND_MESSAGES,
            "mp.messaging.incoming.inbound-messages.dead-letter-queue.topic", Topics.INBOUND_MESSAGES_DLQ,
            "mp.messaging.incoming.message-status.topic", Topics.MESSAGE_STATUS,
            "mp.messaging.incoming.message-status.dead-letter-queue.topic", Topics.MESSAGE_STATUS_DLQ,
            "mp.messaging.incoming.window-expiring-soon.topic", Topics.WINDOW_EXPIRING_SOON,
            "mp.messaging.incoming.window-expiring-soon.dead-letter-queue.topic", Topics.WINDOW_EXPIRING_SOON_DLQ);

    @Override
    public Set<String> getPropertyNames() {
        return TOPICS.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return TOPICS.get(propertyName);
    }

    @Override
    public String getName() {
        return "followup-sender topics (com.wawindow.events.Topics)";
    }

    @Override
    public int getOrdinal() {
        return 200;
    }
}
