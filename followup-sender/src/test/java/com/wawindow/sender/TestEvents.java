package com.wawindow.sender;

import com.wawindow.events.ConsentChange;
import com.wawindow.events.ContactEvent;
import com.wawindow.events.EventIds;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.MessageStatusChanged;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.WindowExpiringSoon;
import com.wawindow.events.serde.EventSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Publishes events to the real test broker, keyed by contact id as the other services do. */
public final class TestEvents {

    private static KafkaProducer<String, Object> producer;

    private TestEvents() {
    }

    /** A fresh contact number no other test uses. */
    public static String newContactId() {
        return "+628" + (1_000_000_000L + ThreadLocalRandom.current().nextLong(8_999_999_999L));
    }

    public static WindowExpired windowExpired(String contactId, String profileName) {
        Instant expiredAt = Instant.now().minusSeconds(1);
        String openingSid = "SM" + UUID.randomUUID().toString().replace("-", "");
        return new WindowExpired(EventIds.windowExpired(contactId, openingSid), WindowExpired.CURRENT_VERSION, contactId,
                "whatsapp:" + contactId, "whatsapp:+14155238886", profileName, expiredAt.minus(Duration.ofHours(24)),
                expiredAt, openingSid, false, false);
    }

    public static InboundMessageReceived inbound(String contactId, String body, ConsentChange consent, Instant at) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        return new InboundMessageReceived(EventIds.inboundMessage(sid), InboundMessageReceived.CURRENT_VERSION, at,
                contactId, sid, FakeTwilioResource.ACCOUNT_SID, null, "whatsapp:" + contactId, "whatsapp:+14155238886",
                body, "Budi", contactId.substring(1), null, "text", 0, null, null, null, null, null, null, consent, Map.of());
    }

    /** A message as Twilio sends it for a user known by a business-scoped id too: {@code externalUserId} set. */
    public static InboundMessageReceived inbound(String contactId, String externalUserId, String body, ConsentChange consent,
            Instant at) {
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        boolean phone = contactId.startsWith("+");
        return new InboundMessageReceived(EventIds.inboundMessage(sid), InboundMessageReceived.CURRENT_VERSION, at,
                contactId, sid, FakeTwilioResource.ACCOUNT_SID, null, phone ? "whatsapp:" + contactId : "whatsapp:" + externalUserId,
                "whatsapp:+14155238886", body, "Budi", phone ? contactId.substring(1) : null, externalUserId, "text", 0, null,
                null, null, null, null, null, consent, Map.of());
    }

    /** The tracker's notice that a window opened at {@code openedAt} by {@code openingSid} closes at {@code expiresAt}. */
    public static WindowExpiringSoon expiringSoon(String contactId, String openingSid, Instant openedAt, Instant expiresAt) {
        return new WindowExpiringSoon(EventIds.windowExpiringSoon(contactId, openingSid), WindowExpiringSoon.CURRENT_VERSION,
                contactId, "whatsapp:" + contactId, "whatsapp:+14155238886", "Budi", openedAt, expiresAt, Instant.now(),
                openingSid, false);
    }

    public static MessageStatusChanged status(String contactId, String messageSid, String status, String errorCode) {
        return new MessageStatusChanged(EventIds.messageStatus(messageSid, status), MessageStatusChanged.CURRENT_VERSION,
                Instant.now(), contactId, messageSid, FakeTwilioResource.ACCOUNT_SID, null, status, errorCode, null,
                "whatsapp:+14155238886", "whatsapp:" + contactId, "whatsapp", null, null, Map.of());
    }

    public static void publish(String topic, ContactEvent event) {
        try {
            producer().send(new ProducerRecord<>(topic, event.contactId(), event)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    /** Keyed by the template, as ingest publishes it. */
    public static void publish(com.wawindow.events.TemplateApprovalChanged change) {
        try {
            producer().send(new ProducerRecord<>(com.wawindow.events.Topics.TEMPLATE_CHANGES, change.templateSid(), change))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + com.wawindow.events.Topics.TEMPLATE_CHANGES, e);
        }
    }

    /** A change Meta made to {@code templateSid}, as ingest maps Event Streams' event {@code cloudEventId}. */
    public static com.wawindow.events.TemplateApprovalChanged templateChange(String cloudEventId, String templateSid,
            com.wawindow.events.TemplateApprovalChanged.Change change, String previous, String current) {
        return new com.wawindow.events.TemplateApprovalChanged(EventIds.templateChange(cloudEventId),
                com.wawindow.events.TemplateApprovalChanged.CURRENT_VERSION, Instant.now(), Instant.now(), cloudEventId,
                FakeTwilioResource.ACCOUNT_SID, templateSid, "t-" + templateSid, "en", change, previous, current);
    }

    private static synchronized KafkaProducer<String, Object> producer() {
        if (producer == null) {
            String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new EventSerializer<>());
        }
        return producer;
    }
}
