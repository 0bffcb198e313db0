package com.wawindow.ingest.rest;

import static com.wawindow.ingest.support.WebhookClient.AUTH_TOKEN;
import static com.wawindow.ingest.support.WebhookClient.FORM;
import static com.wawindow.ingest.support.WebhookClient.SECONDARY_TOKEN;
import static com.wawindow.ingest.support.WebhookClient.STATUS;
import static com.wawindow.ingest.support.WebhookClient.WHATSAPP;
import static com.wawindow.ingest.support.WebhookClient.localUrl;
import static com.wawindow.ingest.support.WebhookClient.post;
import static com.wawindow.ingest.support.WebhookClient.postSignedWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.events.serde.EventDeserializer.InboundMessageReceivedDeserializer;
import com.wawindow.infra.InfraTestResource;
import com.wawindow.ingest.support.Form;
import com.wawindow.ingest.support.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Genuine signatures pass, every forgery gets 403 and publishes nothing. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignatureTest {

    /** Twilio's published example: https://www.twilio.com/docs/usage/security#validating-requests */
    private static final String EXAMPLE_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String EXAMPLE_SIGNATURE = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
    private static final Form EXAMPLE = Form.of("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030",
            "Digits", "1234", "From", "+12349013030", "To", "+18005551212");
    private static final Map<String, String> EXAMPLE_PROXY = Map.of(
            "X-Forwarded-Proto", "https", "X-Forwarded-Host", "mycompany.com");

    /** One contact for every forged request and the control, so they share a partition and its order. */
    private static final String WA_ID = "6281299990000";
    private static final Set<String> FORGED_SIDS = ConcurrentHashMap.newKeySet();

    @Test
    @Order(1)
    void theTestSignerReproducesTwiliosPublishedExample() {
        assertEquals(EXAMPLE_SIGNATURE, EXAMPLE.sign(AUTH_TOKEN, EXAMPLE_URL));
    }

    @Test
    @Order(2)
    void twiliosPublishedExamplePassesTheSignatureCheckThroughTheWholeHttpPath() {
        HttpResponse<String> response = post("/myapp.php?foo=1&bar=2", FORM, bytes(EXAMPLE),
                headers(EXAMPLE_PROXY, EXAMPLE_SIGNATURE));

        // the example is a voice call: the signature is accepted, then MessageSid is found missing
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("https://wawindow.dev/problems/missing-parameter"), response.body());
        assertTrue(response.body().contains("MessageSid"), response.body());
    }

    @Test
    @Order(3)
    void twiliosPublishedExampleWithAnotherSignatureIsForbidden() {
        HttpResponse<String> response = post("/myapp.php?foo=1&bar=2", FORM, bytes(EXAMPLE),
                headers(EXAMPLE_PROXY, "1" + EXAMPLE_SIGNATURE.substring(1)));

        assertEquals(403, response.statusCode(), response.body());
        assertTrue(response.body().contains("https://wawindow.dev/problems/invalid-signature"), response.body());
    }

    @Test
    @Order(4)
    void theExampleAsAWhatsAppMessageIsPublished() {
        String sid = newSid();
        Form form = EXAMPLE.copy().add("MessageSid", sid);
        HttpResponse<String> response = post("/myapp.php?foo=1&bar=2", FORM, bytes(form),
                headers(EXAMPLE_PROXY, form.sign(AUTH_TOKEN, EXAMPLE_URL)));

        assertEquals(200, response.statusCode(), response.body());
        try (var reader = new TopicReader<>(Topics.INBOUND_MESSAGES, new InboundMessageReceivedDeserializer())) {
            InboundMessageReceived event = reader.find(r -> sid.equals(r.value().messageSid())).value();
            assertEquals("+12349013030", event.contactId());
            assertEquals(Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+12349013030", "Digits", "1234"),
                    event.otherParameters());
        }
    }

    @Test
    @Order(5)
    void theSecondaryTokenIsAcceptedDuringRotation() {
        Form form = Form.whatsapp(newSid(), WA_ID, "rotating");
        HttpResponse<String> response = post(WHATSAPP, FORM, bytes(form),
                Map.of("X-Twilio-Signature", form.sign(SECONDARY_TOKEN, localUrl(WHATSAPP))));
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    @Order(6)
    void repeatedKeysAreSignedTheWayTwilioSignsThem() {
        Form form = Form.whatsapp(newSid(), WA_ID, "repeated").add("Tag", "b").add("Tag", "a").add("Tag", "b");
        assertEquals(200, postSignedWith(AUTH_TOKEN, WHATSAPP, form).statusCode());
    }

    /** A forged request: what is posted, and the signature it carries. */
    record Forgery(String pathAndQuery, Form form, Map<String, String> headers) {
    }

    static Stream<Arguments> forgeries() {
        Map<String, Supplier<Forgery>> cases = new java.util.LinkedHashMap<>();
        cases.put("signed with another token", () -> forged(WHATSAPP, genuine(), "wrong-token", WHATSAPP));
        cases.put("signed with a prefix of the token", () -> forged(WHATSAPP, genuine(), "1234", WHATSAPP));
        cases.put("Body changed after signing", () -> tampered(f -> f.with("Body", "transfer everything")));
        cases.put("MessageSid changed after signing", () -> tampered(f -> f.with("MessageSid", newSid())));
        cases.put("From changed after signing", () -> tampered(f -> f.with("From", "whatsapp:+6281299990001")));
        cases.put("parameter added after signing", () -> tampered(f -> f.add("Injected", "1")));
        cases.put("parameter removed after signing", () -> tampered(f -> f.without("ProfileName")));
        cases.put("parameter name case changed", () -> tampered(f -> f.without("Body").add("body", "hello")));
        cases.put("repeated key added after signing", () -> tampered(f -> f.add("Body", "second body")));
        cases.put("trailing space added to a value", () -> tampered(f -> f.with("ProfileName", "Budi ")));
        cases.put("signed for https", () -> signedFor(WHATSAPP, url -> url.replace("http://", "https://")));
        cases.put("signed for another host", () -> signedFor(WHATSAPP, url -> url.replace("localhost", "example.com")));
        cases.put("signed for another port", () -> signedFor(WHATSAPP, url -> url.replaceFirst(":(\\d+)/",
                ":" + (Integer.parseInt(url.replaceAll(".*:(\\d+)/.*", "$1")) + 1) + "/")));
        cases.put("signed for the status path", () -> signedFor(WHATSAPP, url -> url.replace("whatsapp", "status")));
        cases.put("signed with a trailing slash", () -> signedFor(WHATSAPP, url -> url + "/"));
        cases.put("signed with a query the request lacks", () -> signedFor(WHATSAPP, url -> url + "?tenant=acme"));
        cases.put("request has a query the signature lacks", () -> forgedAt(WHATSAPP + "?tenant=acme", WHATSAPP));
        cases.put("query value changed", () -> forgedAt(WHATSAPP + "?tenant=evil", WHATSAPP + "?tenant=acme"));
        cases.put("signature header missing", () -> new Forgery(WHATSAPP, genuine(), Map.of()));
        cases.put("signature header empty", () -> new Forgery(WHATSAPP, genuine(), Map.of("X-Twilio-Signature", "")));
        cases.put("signature of another request", () -> {
            Form other = genuine();
            return new Forgery(WHATSAPP, genuine(), Map.of("X-Twilio-Signature",
                    other.sign(AUTH_TOKEN, localUrl(WHATSAPP))));
        });
        cases.put("signature truncated", () -> {
            Form form = genuine();
            String signature = form.sign(AUTH_TOKEN, localUrl(WHATSAPP));
            return new Forgery(WHATSAPP, form, Map.of("X-Twilio-Signature", signature.substring(0, 20)));
        });
        cases.put("signature in lower case", () -> {
            Form form = genuine();
            String signature = form.sign(AUTH_TOKEN, localUrl(WHATSAPP)).toLowerCase(java.util.Locale.ROOT);
            return new Forgery(WHATSAPP, form, Map.of("X-Twilio-Signature", signature));
        });
        cases.put("forwarded host the signature does not cover", () -> {
            Form form = genuine();
            Map<String, String> headers = new HashMap<>(Map.of("X-Forwarded-Host", "public.example",
                    "X-Forwarded-Proto", "https"));
            headers.put("X-Twilio-Signature", form.sign(AUTH_TOKEN, localUrl(WHATSAPP)));
            return new Forgery(WHATSAPP, form, headers);
        });
        cases.put("signature with status params on the whatsapp path", () -> {
            Form form = genuine();
            return new Forgery(WHATSAPP, form, Map.of("X-Twilio-Signature", form.copy().add("MessageStatus", "read")
                    .sign(AUTH_TOKEN, localUrl(WHATSAPP))));
        });
        return cases.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    @Order(10)
    void forgedWebhookIsForbidden(String name, Supplier<Forgery> forgery) {
        Forgery request = forgery.get();
        FORGED_SIDS.add(request.form().parameters().stream().filter(p -> p.getKey().equals("MessageSid"))
                .findFirst().orElseThrow().getValue());

        HttpResponse<String> response = post(request.pathAndQuery(), FORM, bytes(request.form()), request.headers());

        assertEquals(403, response.statusCode(), name + ": " + response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("\"type\":\"https://wawindow.dev/problems/invalid-signature\""), response.body());
        assertTrue(response.body().contains("\"status\":403"), response.body());
    }

    @Test
    @Order(11)
    void forgedStatusCallbackIsForbidden() {
        Form form = Form.of("MessageSid", newSid(), "MessageStatus", "read", "To", "whatsapp:+" + WA_ID);
        HttpResponse<String> response = post(STATUS, FORM, bytes(form),
                Map.of("X-Twilio-Signature", form.sign("wrong-token", localUrl(STATUS))));
        assertEquals(403, response.statusCode(), response.body());
    }

    @Test
    @Order(20)
    void noForgedWebhookReachedTheTopic() {
        assertTrue(FORGED_SIDS.size() >= 20, "forged variants sent: " + FORGED_SIDS.size());
        String control = newSid();
        assertEquals(200, postSignedWith(AUTH_TOKEN, WHATSAPP, Form.whatsapp(control, WA_ID, "control")).statusCode());

        try (var reader = new TopicReader<>(Topics.INBOUND_MESSAGES, new InboundMessageReceivedDeserializer())) {
            List<ConsumerRecord<String, InboundMessageReceived>> records = reader.readUntil(
                    r -> control.equals(r.value().messageSid()), java.time.Duration.ofSeconds(30));
            List<String> published = records.stream().map(r -> r.value().messageSid())
                    .filter(FORGED_SIDS::contains).toList();
            assertEquals(List.of(), published);
        }
    }

    private static Form genuine() {
        return Form.whatsapp(newSid(), WA_ID, "hello");
    }

    private static Forgery forged(String path, Form form, String token, String signedPath) {
        return new Forgery(path, form, Map.of("X-Twilio-Signature", form.sign(token, localUrl(signedPath))));
    }

    private static Forgery tampered(java.util.function.UnaryOperator<Form> change) {
        Form form = genuine();
        String signature = form.sign(AUTH_TOKEN, localUrl(WHATSAPP));
        Form changed = change.apply(form.copy());
        if (!changed.parameters().stream().anyMatch(p -> p.getKey().equals("MessageSid"))) {
            throw new IllegalStateException("every forgery keeps a MessageSid");
        }
        return new Forgery(WHATSAPP, changed, Map.of("X-Twilio-Signature", signature));
    }

    private static Forgery signedFor(String path, java.util.function.UnaryOperator<String> urlChange) {
        Form form = genuine();
        return new Forgery(path, form, Map.of("X-Twilio-Signature",
                form.sign(AUTH_TOKEN, urlChange.apply(localUrl(path)))));
    }

    private static Forgery forgedAt(String postedPathAndQuery, String signedPathAndQuery) {
        Form form = genuine();
        return new Forgery(postedPathAndQuery, form, Map.of("X-Twilio-Signature",
                form.sign(AUTH_TOKEN, localUrl(signedPathAndQuery))));
    }

    private static Map<String, String> headers(Map<String, String> base, String signature) {
        Map<String, String> headers = new HashMap<>(base);
        headers.put("X-Twilio-Signature", signature);
        return headers;
    }

    private static byte[] bytes(Form form) {
        return form.encoded().getBytes(StandardCharsets.UTF_8);
    }

    static String newSid() {
        return "SM" + UUID.randomUUID().toString().replace("-", "");
    }
}
