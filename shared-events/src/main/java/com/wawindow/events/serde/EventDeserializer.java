package com.wawindow.events.serde;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.MessageStatusChanged;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.WindowExpiringSoon;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka value deserializer for one event type. A record that is not valid JSON for the type raises a
 * {@link SerializationException}, which the consumers route to the topic's dead-letter queue.
 */
public abstract class EventDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    protected EventDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return EventJson.MAPPER.readValue(data, type);
        } catch (IOException e) {
            throw new SerializationException("not a valid " + type.getSimpleName() + " on " + topic + ": " + e.getMessage(), e);
        }
    }

    public static final class InboundMessageReceivedDeserializer extends EventDeserializer<InboundMessageReceived> {
        public InboundMessageReceivedDeserializer() {
            super(InboundMessageReceived.class);
        }
    }

    public static final class MessageStatusChangedDeserializer extends EventDeserializer<MessageStatusChanged> {
        public MessageStatusChangedDeserializer() {
            super(MessageStatusChanged.class);
        }
    }

    public static final class WindowExpiredDeserializer extends EventDeserializer<WindowExpired> {
        public WindowExpiredDeserializer() {
            super(WindowExpired.class);
        }
    }

    public static final class TemplateApprovalChangedDeserializer
            extends EventDeserializer<com.wawindow.events.TemplateApprovalChanged> {
        public TemplateApprovalChangedDeserializer() {
            super(com.wawindow.events.TemplateApprovalChanged.class);
        }
    }

    public static final class WindowExpiringSoonDeserializer extends EventDeserializer<WindowExpiringSoon> {
        public WindowExpiringSoonDeserializer() {
            super(WindowExpiringSoon.class);
        }
    }
}
