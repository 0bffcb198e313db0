package com.wawindow.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.serde.EventDeserializer;
import com.wawindow.events.serde.EventSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EventSerdeTest {

    private final EventSerializer<Object> serializer = new EventSerializer<>();

    @Test
    void inboundMessageRoundTripsWithEveryField() {
        InboundMessageReceived event = new InboundMessageReceived(EventIds.inboundMessage("SM1"), 1,
                Instant.parse("2026-11-23T01:02:03.456Z"), "+6281234567890", "SM1", "AC1", "MG1",
                "whatsapp:+6281234567890", "whatsapp:+14155238886", "halo", "Budi", "6281234567890", null, "text", 1,
                List.of(new InboundMessageReceived.Media("https://media/1", "image/jpeg")), "Yes", "yes-payload", "SM0",
                new InboundMessageReceived.Location("-6.2", "106.8", "Jakarta", "Office"),
                new InboundMessageReceived.Referral("clid", "src", "ad", "https://ad", "Head", "Body", "image", null, null, null, null),
                ConsentChange.OPT_OUT, Map.of("SmsStatus", "received"));

        byte[] json = serializer.serialize("t", event);
        InboundMessageReceived back = new EventDeserializer.InboundMessageReceivedDeserializer().deserialize("t", json);

        assertEquals(event, back);
        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"receivedAt\":\"2026-11-23T01:02:03.456Z\""), text);
        assertTrue(!text.contains("occurredAt"), "occurredAt is derived, not serialized: " + text);
    }

    @Test
    void windowExpiredRoundTripsAndToleratesUnknownFields() {
        WindowExpired event = new WindowExpired(EventIds.windowExpired("+1", "SM1"), 1, "+1", "whatsapp:+1",
                "whatsapp:+2", "Ann", Instant.parse("2026-11-22T00:00:00Z"), Instant.parse("2026-11-23T00:00:00Z"),
                "SM1", false, true);
        String json = new String(serializer.serialize("t", event), StandardCharsets.UTF_8);
        String withExtra = json.replaceFirst("\\{", "{\"addedLater\":42,");

        WindowExpired back = new EventDeserializer.WindowExpiredDeserializer()
                .deserialize("t", withExtra.getBytes(StandardCharsets.UTF_8));

        assertEquals(event, back);
    }

    @Test
    void templateChangeRoundTripsWithTheSameIdForTheSameCloudEvent() {
        TemplateApprovalChanged event = new TemplateApprovalChanged(EventIds.templateChange("NO1"), 1,
                Instant.parse("2026-12-03T10:00:01Z"), Instant.parse("2026-12-03T10:00:00Z"), "NO1", "AC1",
                "HX00000000000000000000000000000001", "owl_update", "en", TemplateApprovalChanged.Change.CATEGORY,
                "utility", "marketing");

        byte[] json = serializer.serialize("t", event);
        TemplateApprovalChanged back = new EventDeserializer.TemplateApprovalChangedDeserializer().deserialize("t", json);

        assertEquals(event, back);
        assertTrue(new String(json, StandardCharsets.UTF_8).contains("\"change\":\"CATEGORY\""));
        assertEquals(EventIds.templateChange("NO1"), back.eventId());
        assertNotEquals(EventIds.templateChange("NO2"), back.eventId());
    }

    @Test
    void garbageIsASerializationException() {
        var deserializer = new EventDeserializer.InboundMessageReceivedDeserializer();
        assertThrows(SerializationException.class,
                () -> deserializer.deserialize("t", "{not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eventIdsAreDeterministicAndDistinctPerKind() {
        assertEquals(EventIds.inboundMessage("SM1"), EventIds.inboundMessage("SM1"));
        assertNotEquals(EventIds.inboundMessage("SM1"), EventIds.inboundMessage("SM2"));
        assertEquals(EventIds.windowExpired("+1", "SM1"), EventIds.windowExpired("+1", "SM1"));
        assertNotEquals(EventIds.windowExpired("+1", "SM1"), EventIds.windowExpiringSoon("+1", "SM1"));
        assertNotEquals(EventIds.windowExpired("+1", "SM1"), EventIds.windowExpired("+1", "SM2"));
    }
}
