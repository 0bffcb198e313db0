package com.wawindow.ingest.rest;

import static com.wawindow.ingest.support.WebhookClient.STATUS;
import static com.wawindow.ingest.support.WebhookClient.WHATSAPP;
import static com.wawindow.ingest.support.WebhookClient.postSigned;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.ConsentChange;
import com.wawindow.events.EventIds;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.MessageStatusChanged;
import com.wawindow.events.Topics;
import com.wawindow.events.serde.EventDeserializer.InboundMessageReceivedDeserializer;
import com.wawindow.events.serde.EventDeserializer.MessageStatusChangedDeserializer;
import com.wawindow.infra.InfraTestResource;
import com.wawindow.ingest.support.Form;
import com.wawindow.ingest.support.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The thin slice: a genuine webhook becomes an event on the broker, with everything Twilio sent, before the 200. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
class InboundWebhookTest {

    @Test
    void inboundMessageIsOnTheTopicWithEveryParameterWhenTheWebhookIsAnswered() {
        String sid = newSid();
        Form form = Form.whatsapp(sid, "6281234567890", "Halo, saya mau pesan")
                .with("NumMedia", "2")
                .add("MediaUrl0", "https://api.twilio.com/media/ME0").add("MediaContentType0", "image/jpeg")
                .add("MediaUrl1", "https://api.twilio.com/media/ME1").add("MediaContentType1", "audio/ogg")
                .add("MessagingServiceSid", "MG00000000000000000000000000000000")
                .add("ButtonText", "Yes").add("ButtonPayload", "confirm-yes")
                .add("OriginalRepliedMessageSid", "SMreplied")
                .add("Latitude", "-6.2").add("Longitude", "106.8").add("Address", "Jl. Sudirman").add("Label", "Kantor")
                .add("ReferralCtwaClid", "ctwa-1").add("ReferralSourceId", "ad-9").add("ReferralSourceType", "ad")
                .add("ReferralSourceUrl", "https://fb.me/ad").add("ReferralHeadline", "Promo")
                .add("ReferralBody", "Diskon 50%").add("ReferralMediaUrl", "https://cdn.example/ad.jpg")
                .add("SomethingTwilioAddsTomorrow", "surprise")
                .add("Repeated", "first").add("Repeated", "second");
        Instant before = Instant.now();

        HttpResponse<String> response = postSigned(WHATSAPP, form);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>", response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/xml"));
        try (var reader = new TopicReader<>(Topics.INBOUND_MESSAGES, new InboundMessageReceivedDeserializer())) {
            ConsumerRecord<String, InboundMessageReceived> record = reader.find(r -> sid.equals(r.value().messageSid()));
            InboundMessageReceived event = record.value();
            assertEquals("+6281234567890", record.key());
            assertEquals("+6281234567890", event.contactId());
            assertEquals(EventIds.inboundMessage(sid), event.eventId());
            assertEquals(InboundMessageReceived.CURRENT_VERSION, event.version());
            assertTrue(!event.receivedAt().isBefore(before) && !event.receivedAt().isAfter(Instant.now()),
                    event.receivedAt().toString());
            assertEquals("whatsapp:+6281234567890", event.from());
            assertEquals("whatsapp:+14155238886", event.to());
            assertEquals("Halo, saya mau pesan", event.body());
            assertEquals("Budi", event.profileName());
            assertEquals("6281234567890", event.waId());
            assertEquals("text", event.messageType());
            assertEquals("AC00000000000000000000000000000000", event.accountSid());
            assertEquals("MG00000000000000000000000000000000", event.messagingServiceSid());
            assertEquals(2, event.numMedia());
            assertEquals(List.of(new InboundMessageReceived.Media("https://api.twilio.com/media/ME0", "image/jpeg"),
                    new InboundMessageReceived.Media("https://api.twilio.com/media/ME1", "audio/ogg")), event.media());
            assertEquals("Yes", event.buttonText());
            assertEquals("confirm-yes", event.buttonPayload());
            assertEquals("SMreplied", event.originalRepliedMessageSid());
            assertEquals(new InboundMessageReceived.Location("-6.2", "106.8", "Jl. Sudirman", "Kantor"), event.location());
            assertEquals(new InboundMessageReceived.Referral("ctwa-1", "ad-9", "ad", "https://fb.me/ad", "Promo",
                    "Diskon 50%", null, "https://cdn.example/ad.jpg", null, null, null), event.referral());
            assertEquals(ConsentChange.NONE, event.consent());
            Map<String, String> expectedOthers = new LinkedHashMap<>();
            expectedOthers.put("SmsMessageSid", sid);
            expectedOthers.put("SmsSid", sid);
            expectedOthers.put("SmsStatus", "received");
            expectedOthers.put("NumSegments", "1");
            expectedOthers.put("ReferralNumMedia", "0");
            expectedOthers.put("ApiVersion", "2010-04-01");
            expectedOthers.put("SomethingTwilioAddsTomorrow", "surprise");
            expectedOthers.put("Repeated", "first");
            expectedOthers.put("Repeated[2]", "second");
            assertEquals(expectedOthers, event.otherParameters());
        }
    }

    @Test
    void optOutAndOptInKeywordsAreFlaggedWhateverTheirCaseAndSpacing() {
        Map<String, ConsentChange> bodies = new LinkedHashMap<>();
        bodies.put("  stop ", ConsentChange.OPT_OUT);
        bodies.put("Stop All", ConsentChange.OPT_OUT);
        bodies.put("unsubscribe", ConsentChange.OPT_OUT);
        bodies.put("berhenti", ConsentChange.OPT_OUT);
        bodies.put("Berhenti  Langganan", ConsentChange.OPT_OUT);
        bodies.put("START", ConsentChange.OPT_IN);
        bodies.put("un stop", ConsentChange.OPT_IN);
        bodies.put("mulai", ConsentChange.OPT_IN);
        bodies.put("please stop sending", ConsentChange.NONE);
        Map<String, ConsentChange> expectedBySid = new LinkedHashMap<>();
        bodies.forEach((body, expected) -> {
            String sid = newSid();
            expectedBySid.put(sid, expected);
            assertEquals(200, postSigned(WHATSAPP, Form.whatsapp(sid, "6281200000001", body)).statusCode());
        });
        try (var reader = new TopicReader<>(Topics.INBOUND_MESSAGES, new InboundMessageReceivedDeserializer())) {
            Map<String, ConsentChange> actualBySid = new LinkedHashMap<>();
            reader.awaitMatching(r -> expectedBySid.containsKey(r.value().messageSid()), expectedBySid.size())
                    .forEach(r -> actualBySid.put(r.value().messageSid(), r.value().consent()));
            assertEquals(expectedBySid, actualBySid);
        }
    }

    @Test
    void statusCallbackIsPublishedKeyedByTheRecipient() {
        String sid = newSid();
        Form form = Form.of("MessageSid", sid, "MessageStatus", "undelivered", "ErrorCode", "63016",
                "ErrorMessage", "Outside the allowed window", "AccountSid", "AC00000000000000000000000000000000",
                "From", "whatsapp:+14155238886", "To", "whatsapp:+6281234567891", "ChannelPrefix", "whatsapp",
                "ChannelInstallSid", "XE00", "ChannelStatusMessage", "failed", "SmsStatus", "undelivered",
                "ApiVersion", "2010-04-01");

        HttpResponse<String> response = postSigned(STATUS, form);

        assertEquals(200, response.statusCode(), response.body());
        try (var reader = new TopicReader<>(Topics.MESSAGE_STATUS, new MessageStatusChangedDeserializer())) {
            ConsumerRecord<String, MessageStatusChanged> record = reader.find(r -> sid.equals(r.value().messageSid()));
            MessageStatusChanged event = record.value();
            assertEquals("+6281234567891", record.key());
            assertEquals(EventIds.messageStatus(sid, "undelivered"), event.eventId());
            assertEquals("undelivered", event.status());
            assertEquals("63016", event.errorCode());
            assertEquals("Outside the allowed window", event.errorMessage());
            assertEquals("whatsapp:+14155238886", event.from());
            assertEquals("whatsapp", event.channelPrefix());
            assertEquals("XE00", event.channelInstallSid());
            assertEquals("failed", event.channelStatusMessage());
            assertEquals(Map.of("SmsStatus", "undelivered", "ApiVersion", "2010-04-01"), event.otherParameters());
        }
    }

    @Test
    void statusCallbackWithoutErrorHasNullErrorFields() {
        String sid = newSid();
        assertEquals(200, postSigned(STATUS, Form.of("MessageSid", sid, "MessageStatus", "read", "ErrorCode", "",
                "To", "whatsapp:+6281234567892")).statusCode());
        try (var reader = new TopicReader<>(Topics.MESSAGE_STATUS, new MessageStatusChangedDeserializer())) {
            MessageStatusChanged event = reader.find(r -> sid.equals(r.value().messageSid())).value();
            assertNull(event.errorCode());
            assertEquals("read", event.status());
        }
    }

    @Test
    void redeliveredWebhookIsPublishedOnceAndCountsAsDuplicate() {
        double before = metric("ingest_webhooks_duplicates_total", "webhook=\"whatsapp\"");
        String sid = newSid();
        String marker = newSid();
        Form form = Form.whatsapp(sid, "6281200000002", "twice");
        assertEquals(200, postSigned(WHATSAPP, form).statusCode());
        assertEquals(200, postSigned(WHATSAPP, form).statusCode());
        assertEquals(200, postSigned(WHATSAPP, Form.whatsapp(marker, "6281200000002", "after")).statusCode());
        try (var reader = new TopicReader<>(Topics.INBOUND_MESSAGES, new InboundMessageReceivedDeserializer())) {
            // same contact, same partition: once the marker is read, both attempts would have been read
            List<UUID> ids = reader.readUntil(r -> marker.equals(r.value().messageSid()), Duration.ofSeconds(30)).stream()
                    .filter(r -> sid.equals(r.value().messageSid())).map(r -> r.value().eventId()).toList();
            assertEquals(List.of(EventIds.inboundMessage(sid)), ids, "one record with the deterministic event id");
        }
        assertEquals(before + 1, metric("ingest_webhooks_duplicates_total", "webhook=\"whatsapp\""));
    }

    @Test
    void metricsCountAcceptedAndRejectedByReasonAndTimePublishing() {
        double accepted = metric("ingest_webhooks_accepted_total", "webhook=\"status\"");
        double forged = metric("ingest_webhooks_rejected_total", "reason=\"invalid-signature\"", "webhook=\"status\"");
        assertEquals(200, postSigned(STATUS, Form.of("MessageSid", newSid(), "MessageStatus", "sent",
                "To", "whatsapp:+6281234567893")).statusCode());
        given().contentType("application/x-www-form-urlencoded").body("MessageSid=SMx&MessageStatus=sent&To=x")
                .header("X-Twilio-Signature", "AAAA").post(STATUS).then().statusCode(403);

        assertEquals(accepted + 1, metric("ingest_webhooks_accepted_total", "webhook=\"status\""));
        assertEquals(forged + 1, metric("ingest_webhooks_rejected_total", "reason=\"invalid-signature\"", "webhook=\"status\""));
        // labels in any order (every metric also carries the instance tag)
        given().get("/q/metrics").then().statusCode(200)
                .body(org.hamcrest.Matchers.matchesPattern(
                        "(?s).*\\ningest_publish_latency_seconds_bucket\\{[^}\\n]*webhook=\"status\"[^}\\n]*}.*"));
    }

    /** The names the Grafana dashboard may use (ComposeFileTest checks it against the same list). */
    @Test
    void everyMetricTheDashboardMayUseIsExposed() {
        assertEquals(List.of(), com.wawindow.infra.ExposedMetrics.missing("ingest-service",
                given().get("/q/metrics").then().statusCode(200).extract().asString()));
    }

    @Test
    void readinessIncludesTheBroker() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Kafka connection health check"));
    }

    @Test
    void openApiDescribesBothWebhooks() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/webhooks/twilio/whatsapp'.post.requestBody.content", org.hamcrest.Matchers.hasKey(
                        "application/x-www-form-urlencoded"))
                .body("paths.'/webhooks/twilio/status'.post.responses", org.hamcrest.Matchers.hasKey("503"))
                .body("paths.'/webhooks/twilio/whatsapp'.post.responses", org.hamcrest.Matchers.hasKey("403"));
    }

    static String newSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The value of the Prometheus series {@code name} whose labels include every one of {@code labels}. */
    static double metric(String name, String... labels) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return body.lines()
                .filter(line -> line.startsWith(name + "{") && List.of(labels).stream().allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}
