package com.wawindow.ingest.rest;

import static com.wawindow.ingest.support.WebhookClient.AUTH_TOKEN;
import static com.wawindow.ingest.support.WebhookClient.FORM;
import static com.wawindow.ingest.support.WebhookClient.WHATSAPP;
import static com.wawindow.ingest.support.WebhookClient.localUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.events.serde.EventDeserializer.InboundMessageReceivedDeserializer;
import com.wawindow.infra.InfraTestResource;
import com.wawindow.ingest.support.Form;
import com.wawindow.ingest.support.TopicReader;
import com.wawindow.ingest.support.WebhookClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The webhook URL as configured at Twilio, with connection overrides that make Twilio retry on 5xx and timeouts,
 * and Twilio's retries of it: the fragment is neither sent nor signed, and a retry publishes nothing twice.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
class TwilioRetryTest {

    /** The overrides the README tells operators to configure (docs/research/twilio.md, section 1). */
    static final String OVERRIDES = "#rc=5&rp=5xx,ct,rt&rt=7000&tt=15000";

    @Test
    void aWebhookUrlWithConnectionOverridesPassesTheSignatureCheckAsTwilioSignsIt() {
        String sid = newSid();
        Form form = Form.whatsapp(sid, "6281234500001", "with overrides");
        String configured = localUrl(WHATSAPP) + OVERRIDES;
        // Twilio signs the URL without its fragment; an HTTP client never sends the fragment
        String signature = form.sign(AUTH_TOKEN, configured.substring(0, configured.indexOf('#')));

        assertEquals(200, postTo(configured, form, Map.of("X-Twilio-Signature", signature)).statusCode());
        String signedWithFragment = form.sign(AUTH_TOKEN, configured);
        assertEquals(403, postTo(configured, form, Map.of("X-Twilio-Signature", signedWithFragment)).statusCode(),
                "a signature over the fragment is not Twilio's");
    }

    @Test
    void retriesBySidOrByIdempotencyTokenPublishOnceAndADifferentSidWithTheSameTokenIsItsOwnMessage() {
        String sid = newSid();
        String other = newSid();
        String marker = newSid();
        String token = "idem-" + UUID.randomUUID();
        Form form = Form.whatsapp(sid, "6281234500002", "retried");
        Map<String, String> firstAttempt = signed(form, Map.of("I-Twilio-Idempotency-Token", token));

        assertEquals(200, post(form, firstAttempt).statusCode());
        assertEquals(200, post(form, firstAttempt).statusCode(), "a retry with the same token");
        assertEquals(200, post(form, signed(form, Map.of())).statusCode(), "a retry without the token");
        Form otherForm = Form.whatsapp(other, "6281234500002", "another message");
        assertEquals(200, post(otherForm, signed(otherForm, Map.of("I-Twilio-Idempotency-Token", token))).statusCode());
        Form markerForm = Form.whatsapp(marker, "6281234500002", "after all of them");
        assertEquals(200, post(markerForm, signed(markerForm, Map.of())).statusCode());

        try (var reader = new TopicReader<>(Topics.INBOUND_MESSAGES, new InboundMessageReceivedDeserializer())) {
            // one partition per contact: once the marker is read, everything posted before it is read too
            List<ConsumerRecord<String, InboundMessageReceived>> records =
                    reader.readUntil(r -> marker.equals(r.value().messageSid()), Duration.ofSeconds(30));
            Map<String, Long> bySid = records.stream().map(r -> r.value().messageSid())
                    .filter(Set.of(sid, other, marker)::contains)
                    .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
            assertEquals(Map.of(sid, 1L, other, 1L, marker, 1L), bySid);
        }
    }

    private static Map<String, String> signed(Form form, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("X-Twilio-Signature", form.sign(AUTH_TOKEN, localUrl(WHATSAPP)));
        return all;
    }

    private static HttpResponse<String> post(Form form, Map<String, String> headers) {
        return WebhookClient.post(WHATSAPP, FORM, form.encoded().getBytes(StandardCharsets.UTF_8), headers);
    }

    private static HttpResponse<String> postTo(String url, Form form, Map<String, String> headers) {
        // WebhookClient takes a path: the fragment is part of what is passed, as an operator pastes the URL
        return WebhookClient.post(url.substring(localUrl("").length()), FORM,
                form.encoded().getBytes(StandardCharsets.UTF_8), headers);
    }

    private static String newSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }
}
