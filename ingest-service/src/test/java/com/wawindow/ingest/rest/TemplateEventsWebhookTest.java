package com.wawindow.ingest.rest;

import static com.wawindow.ingest.support.WebhookClient.AUTH_TOKEN;
import static com.wawindow.ingest.support.WebhookClient.localUrl;
import static com.wawindow.ingest.support.WebhookClient.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static com.wawindow.ingest.rest.RefusalTest.assertProblem;

import com.wawindow.events.EventIds;
import com.wawindow.events.TemplateApprovalChanged;
import com.wawindow.events.Topics;
import com.wawindow.events.serde.EventDeserializer.TemplateApprovalChangedDeserializer;
import com.wawindow.infra.InfraTestResource;
import com.wawindow.ingest.support.TopicReader;
import com.wawindow.ingest.support.TwilioSigner;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Event Streams' webhook sink as Twilio calls it: a JSON array of CloudEvents, signed over the URL whose bodySHA256 is
 * the body's hash. Template approval updates become events on template-changes before the 200; other event types are
 * taken and not published; unsigned, tampered, non-JSON and incomplete batches get problem JSON.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
class TemplateEventsWebhookTest {

    private static final String EVENTS = "/webhooks/twilio/events";

    @Test
    void statusAndCategoryUpdatesAreOnTheTopicKeyedByTemplateWhenTheWebhookIsAnswered() {
        String template = newTemplateSid();
        String paused = "NO" + UUID.randomUUID().toString().replace("-", "");
        String recategorised = "NO" + UUID.randomUUID().toString().replace("-", "");
        String body = "[" + event(paused, "status_update", template, "approved", "paused") + ","
                + "{\"specversion\":\"1.0\",\"type\":\"com.twilio.messaging.inbound-message.v1\",\"id\":\"EZ1\",\"data\":{}},"
                + event(recategorised, "category_update", template, "utility", "marketing") + "]";

        HttpResponse<String> response = postSigned(body);

        assertEquals(200, response.statusCode(), response.body());
        try (var reader = new TopicReader<>(Topics.TEMPLATE_CHANGES, new TemplateApprovalChangedDeserializer())) {
            ConsumerRecord<String, TemplateApprovalChanged> status = reader.find(r -> paused.equals(r.value().cloudEventId()));
            assertEquals(template, status.key());
            TemplateApprovalChanged change = status.value();
            assertEquals(EventIds.templateChange(paused), change.eventId());
            assertEquals(TemplateApprovalChanged.Change.STATUS, change.change());
            assertEquals("approved", change.previousValue());
            assertEquals("paused", change.currentValue());
            assertEquals(template, change.templateSid());
            assertEquals("owl_update", change.friendlyName());
            assertEquals("en", change.language());
            assertEquals("AC00000000000000000000000000000000", change.accountSid());
            assertEquals(Instant.parse("2026-12-03T10:00:00Z"), change.changedAt());

            TemplateApprovalChanged category = reader.find(r -> recategorised.equals(r.value().cloudEventId())).value();
            assertEquals(TemplateApprovalChanged.Change.CATEGORY, category.change());
            assertEquals("utility", category.previousValue());
            assertEquals("marketing", category.currentValue());
        }
    }

    @Test
    void aBatchNotFromTwilioOrNotWellFormedGetsProblemJson() {
        String body = "[" + event("NO1", "status_update", newTemplateSid(), "approved", "paused") + "]";
        String url = urlWithHash(body);

        HttpResponse<String> unsigned = post(url, "application/json", bytes(body), Map.of());
        assertProblem(unsigned, 403, "invalid-signature");

        String tampered = body.replace("paused", "approved");
        assertProblem(post(url, "application/json", bytes(tampered),
                Map.of("X-Twilio-Signature", sign(url))), 403, "invalid-signature");

        // signed, but without bodySHA256 the signature covers nothing of the body
        assertProblem(post(EVENTS, "application/json", bytes(body), Map.of("X-Twilio-Signature", sign(EVENTS))),
                403, "invalid-signature");

        assertProblem(post(url, "application/x-www-form-urlencoded", bytes(body),
                Map.of("X-Twilio-Signature", sign(url))), 415, "unsupported-media-type");

        assertProblem(postSigned("{not json"), 400, "malformed-json");
        assertProblem(postSigned("\"a string\""), 400, "malformed-json");
        assertProblem(postSigned("[" + event("NO2", "status_update", "not-a-content-sid", "approved", "paused") + "]"),
                400, "missing-parameter");
        assertProblem(postSigned("[{\"type\":\"com.twilio.messaging.template.approval.updated\",\"data\":{\"type\":"
                + "\"status_update\",\"template\":{\"sid\":\"" + newTemplateSid() + "\",\"currentValue\":\"paused\"}}}]"),
                400, "missing-parameter");
    }

    @Test
    void aBatchWithoutTemplateEventsIsTakenAndPublishesNothing() {
        HttpResponse<String> response = postSigned("[{\"specversion\":\"1.0\",\"type\":\"com.twilio.eventstreams.test-event\","
                + "\"id\":\"AC1\",\"data\":{\"test_id\":\"x\"}}]");
        assertEquals(200, response.statusCode(), response.body());
    }

    private static HttpResponse<String> postSigned(String body) {
        String url = urlWithHash(body);
        return post(url, "application/json", bytes(body), Map.of("X-Twilio-Signature", sign(url)));
    }

    /** The path and query Twilio calls: the sink's URL with the body's hex SHA-256 appended. */
    private static String urlWithHash(String body) {
        try {
            return EVENTS + "?bodySHA256=" + HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(bytes(body)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String pathAndQuery) {
        return TwilioSigner.sign(AUTH_TOKEN, localUrl(pathAndQuery), List.of());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String event(String id, String type, String templateSid, String previous, String current) {
        return """
                {"specversion":"1.0","type":"com.twilio.messaging.template.approval.updated",\
                "source":"/v1/Templates/%s","id":"%s","dataschema":"https://events-schemas.twilio.com/Messaging.ApprovalUpdated/1",\
                "datacontenttype":"application/json","time":"2026-12-03T10:00:01Z",\
                "data":{"type":"%s","accountSid":"AC00000000000000000000000000000000","dateUpdated":"2026-12-03T10:00:00Z",\
                "channel":"whatsapp","template":{"sid":"%s","friendlyName":"owl_update","externalTemplateName":"owl_update_hx1",\
                "language":"en","previousValue":"%s","currentValue":"%s"}}}""".formatted(templateSid, id, type, templateSid,
                previous, current);
    }

    private static String newTemplateSid() {
        return "HX" + UUID.randomUUID().toString().replace("-", "");
    }
}
