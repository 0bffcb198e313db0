package com.wawindow.ingest.rest;

import static com.wawindow.ingest.support.WebhookClient.AUTH_TOKEN;
import static com.wawindow.ingest.support.WebhookClient.FORM;
import static com.wawindow.ingest.support.WebhookClient.STATUS;
import static com.wawindow.ingest.support.WebhookClient.WHATSAPP;
import static com.wawindow.ingest.support.WebhookClient.localUrl;
import static com.wawindow.ingest.support.WebhookClient.post;
import static com.wawindow.ingest.support.WebhookClient.postSigned;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.infra.InfraTestResource;
import com.wawindow.ingest.support.Form;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each refusal has its status and a problem JSON with a stable type. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
class RefusalTest {

    @Test
    void wrongContentTypeIs415() {
        Form form = Form.whatsapp("SM415", "6281200000415", "json?");
        String signature = form.sign(AUTH_TOKEN, localUrl(WHATSAPP));
        for (String contentType : new String[] {"application/json", "text/plain", "multipart/form-data; boundary=x"}) {
            assertProblem(post(WHATSAPP, contentType, form.encoded().getBytes(StandardCharsets.UTF_8),
                    Map.of("X-Twilio-Signature", signature)), 415, "unsupported-media-type");
        }
        assertProblem(post(WHATSAPP, null, form.encoded().getBytes(StandardCharsets.UTF_8),
                Map.of("X-Twilio-Signature", signature)), 415, "unsupported-media-type");
    }

    @Test
    void formWithCharsetParameterIsAccepted() {
        Form form = Form.whatsapp(SignatureTest.newSid(), "6281200000416", "charset");
        HttpResponse<String> response = post(WHATSAPP, FORM + "; charset=UTF-8",
                form.encoded().getBytes(StandardCharsets.UTF_8),
                Map.of("X-Twilio-Signature", form.sign(AUTH_TOKEN, localUrl(WHATSAPP))));
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void bodyOver64KiBIs413() {
        Form form = Form.whatsapp("SM413", "6281200000413", "x".repeat(66_000));
        assertProblem(postSigned(WHATSAPP, form), 413, "payload-too-large");
    }

    @Test
    void bodyBeyondTheHttpLayersLimitIs413ProblemJsonToo() throws Exception {
        byte[] body = Form.whatsapp("SM413", "6281200000413", "w".repeat(2_000_000)).encoded()
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(localUrl(WHATSAPP)))
                .header("Content-Type", FORM).header("X-Twilio-Signature", "irrelevant")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        assertProblem(send(request), 413, "payload-too-large");
    }

    @Test
    void chunkedBodyOver64KiBIs413() throws Exception {
        byte[] body = Form.whatsapp("SM413", "6281200000413", "y".repeat(100_000)).encoded()
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(localUrl(WHATSAPP)))
                .header("Content-Type", FORM).header("X-Twilio-Signature", "irrelevant")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        assertProblem(send(request), 413, "payload-too-large");
    }

    @Test
    void bodyOfExactly64KiBIsNotRefusedForItsSize() {
        Form form = Form.whatsapp(SignatureTest.newSid(), "6281200000414", "");
        int padding = 65_536 - form.encoded().length();
        form.with("Body", "z".repeat(padding));
        assertEquals(65_536, form.encoded().length());
        assertEquals(200, postSigned(WHATSAPP, form).statusCode());
    }

    @Test
    void malformedPercentEscapeOrNonUtf8Is400() {
        assertProblem(post(WHATSAPP, FORM, "MessageSid=SM1&Body=%ZZ".getBytes(StandardCharsets.US_ASCII),
                Map.of("X-Twilio-Signature", "x")), 400, "malformed-form");
        assertProblem(post(WHATSAPP, FORM, "MessageSid=SM1&Body=%E9t%E9".getBytes(StandardCharsets.US_ASCII),
                Map.of("X-Twilio-Signature", "x")), 400, "malformed-form");
        assertProblem(post(WHATSAPP, FORM, "Body=cut%4".getBytes(StandardCharsets.US_ASCII),
                Map.of("X-Twilio-Signature", "x")), 400, "malformed-form");
    }

    @Test
    void missingSignatureIs403() {
        assertProblem(post(WHATSAPP, FORM, Form.whatsapp("SM403", "6281200000403", "hi").encoded()
                .getBytes(StandardCharsets.UTF_8), Map.of()), 403, "invalid-signature");
    }

    @Test
    void missingMessageSidOrFromIs400EvenWhenSigned() {
        assertProblem(postSigned(WHATSAPP, Form.whatsapp("SM400", "6281200000400", "hi").without("MessageSid")),
                400, "missing-parameter");
        assertProblem(postSigned(WHATSAPP, Form.whatsapp("SM400", "6281200000400", "hi").without("From")),
                400, "missing-parameter");
        assertProblem(postSigned(WHATSAPP, Form.whatsapp("SM400", "6281200000400", "hi").with("MessageSid", " ")),
                400, "missing-parameter");
        assertProblem(postSigned(STATUS, Form.of("MessageSid", "SM400", "To", "whatsapp:+6281200000400")),
                400, "missing-parameter");
        assertProblem(postSigned(STATUS, Form.of("MessageSid", "SM400", "MessageStatus", "sent")),
                400, "missing-parameter");
    }

    @Test
    void unknownPathAndWrongMethodAnswerProblemJsonToo() {
        given().get(WHATSAPP).then().statusCode(405).contentType("application/problem+json")
                .body("status", equalTo(405)).body("type", equalTo("https://wawindow.dev/problems/method-not-allowed"));
        given().post("/webhooks/twilio/voice").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("type", equalTo("https://wawindow.dev/problems/not-found"));
    }

    static void assertProblem(HttpResponse<String> response, int status, String reason) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("\"type\":\"https://wawindow.dev/problems/" + reason + "\""), response.body());
        assertTrue(response.body().contains("\"status\":" + status), response.body());
        assertTrue(response.body().contains("\"title\":"), response.body());
        assertTrue(response.body().contains("\"detail\":"), response.body());
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }
}
