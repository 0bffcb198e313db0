package com.wawindow.system;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.twilio.security.RequestValidator;
import com.wawindow.infra.DatabaseEndpoint;
import com.wawindow.infra.TestInfrastructure;
import io.restassured.http.ContentType;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole system as it runs in production: the three packaged services as processes, a real KRaft
 * broker, a real PostgreSQL, and a fake Twilio (WireMock) on 127.0.0.1 reached through the official SDK.
 */
class FollowUpEndToEndIT {

    private static final String AUTH_TOKEN = "e2e-webhook-auth-token";
    private static final String ACCOUNT_SID = "AC" + "0123456789abcdef0123456789abcdef";
    private static final String SENDER_TOKEN = "e2e-sender-auth-token";
    private static final String BUSINESS = "whatsapp:+14155238886";
    private static final String CONTENT_SID = "HXb5b62575e6e4ff6129ad7c8efe1f983e";
    private static final Duration WINDOW = Duration.ofSeconds(8);
    private static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";

    private static WireMockServer twilio;
    private static ServiceProcess ingest;
    private static ServiceProcess tracker;
    private static ServiceProcess sender;

    @BeforeAll
    static void startSystem() throws Exception {
        TestInfrastructure infra = TestInfrastructure.get();
        twilio = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        twilio.start();
        twilio.stubFor(post(urlPathMatching("/2010-04-01/Accounts/AC[0-9a-f]{32}/Messages.json"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("{\"sid\":\"SM{{randomValue length=32 type='HEXADECIMAL'}}\",\"account_sid\":\""
                                + ACCOUNT_SID + "\",\"status\":\"queued\","
                                + "\"from\":\"" + BUSINESS + "\",\"direction\":\"outbound-api\",\"num_segments\":\"1\"}")));
        twilio.stubFor(get(urlPathEqualTo("/v1/ContentAndApprovals"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(contentAndApprovals())));

        DatabaseEndpoint db = infra.database();
        Map<String, String> common = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", infra.bootstrapServers(),
                "QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", db.username(),
                "QUARKUS_DATASOURCE_PASSWORD", db.password(),
                "QUARKUS_FLYWAY_CLEAN_AT_START", "true",
                "QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        Duration ready = Duration.ofSeconds(120);

        Map<String, String> trackerEnv = new HashMap<>(common);
        trackerEnv.putAll(Map.of("DB_SCHEMA", "e2e_tracker", "WINDOW_DURATION", WINDOW.toString(),
                "WINDOW_EXPIRING_SOON_LEAD", "PT2S", "EXPIRY_POLL_INTERVAL", "200ms"));
        tracker = ServiceProcess.start("window-tracker", trackerEnv, ready);

        Map<String, String> senderEnv = new HashMap<>(common);
        senderEnv.putAll(Map.of("DB_SCHEMA", "e2e_sender",
                "TWILIO_ACCOUNT_SID", ACCOUNT_SID, "TWILIO_AUTH_TOKEN", SENDER_TOKEN,
                "TWILIO_API_BASE_URL", twilio.baseUrl(), "TWILIO_CONTENT_BASE_URL", twilio.baseUrl(),
                "TWILIO_WHATSAPP_FROM", BUSINESS, "FOLLOWUP_CONTENT_SID", CONTENT_SID,
                "FOLLOWUP_CONTENT_VARIABLES", "{\"1\":\"{profileName}\"}",
                "WINDOW_TRACKER_URL", tracker.baseUrl()));
        sender = ServiceProcess.start("followup-sender", senderEnv, ready);

        Map<String, String> ingestEnv = new HashMap<>(common);
        ingestEnv.put("TWILIO_AUTH_TOKEN", AUTH_TOKEN);
        ingest = ServiceProcess.start("ingest-service", ingestEnv, ready);

        System.out.printf("RSS after start: ingest %d MiB, tracker %d MiB, sender %d MiB%n",
                ingest.rssMiB(), tracker.rssMiB(), sender.rssMiB());
    }

    @AfterAll
    static void stopSystem() {
        for (ServiceProcess service : new ServiceProcess[] {ingest, sender, tracker}) {
            if (service != null) {
                System.out.printf("RSS before stop: %s %d MiB%n", service.baseUrl(), service.rssMiB());
                service.close();
            }
        }
        if (twilio != null) {
            twilio.stop();
        }
    }

    @Test
    void signedWebhookOpensTheWindowAndExactlyOneTemplateFollowsItsClose() throws Exception {
        String silent = "+6281100000001";
        String replier = "+6281100000002";
        String forged = "+6281100000003";

        webhook(silent, "SMe2e0000000000000000000000000001", "Budi", "halo").statusCode(200)
                .contentType(containsString("xml")).body(containsString("<Response"));
        Instant replierFirst = Instant.now();
        webhook(replier, "SMe2e0000000000000000000000000002", "Sari", "hi").statusCode(200);

        Map<String, String> forgedParams = inbound(forged, "SMe2e0000000000000000000000000003", "Eve", "forged");
        given().contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8)).formParams(forgedParams)
                .header("X-Twilio-Signature", TwilioSignature.sign("not-the-token", webhookUrl(), forgedParams))
                .post(webhookUrl())
                .then().statusCode(403).contentType(containsString("application/problem+json"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get(windowUrl(silent))
                .then().statusCode(200).body("state", equalTo("OPEN")).body("contactId", equalTo(silent)));

        // The replier answers halfway through the window: its first deadline must pass without a follow-up.
        Thread.sleep(WINDOW.toMillis() / 2); // customer think time, not synchronisation
        Instant reply = Instant.now();
        webhook(replier, "SMe2e0000000000000000000000000004", "Sari", "one more thing").statusCode(200);

        await().atMost(WINDOW.plusSeconds(30)).until(() -> messagesTo(silent).size() == 1);
        assertTrue(Instant.now().isAfter(replierFirst.plus(WINDOW)), "the silent contact's window closed first");
        assertEquals(0, messagesTo(replier).size(), "a reply before expiry must cancel the follow-up of the old deadline");

        LoggedRequest followUp = messagesTo(silent).get(0);
        Map<String, String> form = form(followUp.getBodyAsString());
        assertEquals("whatsapp:" + silent, form.get("To"));
        assertEquals(BUSINESS, form.get("From"));
        assertEquals(CONTENT_SID, form.get("ContentSid"));
        assertEquals("{\"1\":\"Budi\"}", form.get("ContentVariables").replace(" ", ""));
        assertEquals("Basic " + Base64.getEncoder().encodeToString((ACCOUNT_SID + ":" + SENDER_TOKEN)
                .getBytes(StandardCharsets.UTF_8)), followUp.getHeader("Authorization"));

        given().get(windowUrl(silent)).then().statusCode(200).body("state", equalTo("CLOSED"));
        given().get(windowUrl(forged)).then().statusCode(404);

        // The replier's extended window closes later and gets its one follow-up then.
        await().atMost(WINDOW.plusSeconds(30)).until(() -> messagesTo(replier).size() == 1);
        Instant replierFollowUp = messagesTo(replier).get(0).getLoggedDate().toInstant();
        assertTrue(!replierFollowUp.isBefore(reply.plus(WINDOW).minusMillis(500)),
                "follow-up at " + replierFollowUp + " came before the extended deadline " + reply.plus(WINDOW));

        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals(2, twilio.findAll(
                        postRequestedFor(urlPathEqualTo(MESSAGES_PATH))).size(),
                        "exactly one follow-up per closed window, nothing else"));
    }

    @Test
    void theTestSignerAgreesWithTwilioPublishedExampleAndTheSdk() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("CallSid", "CA1234567890ABCDE");
        params.put("Caller", "+12349013030");
        params.put("Digits", "1234");
        params.put("From", "+12349013030");
        params.put("To", "+18005551212");
        String url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        String signature = TwilioSignature.sign("12345", url, params);
        assertEquals("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", signature);
        assertTrue(new RequestValidator("12345").validate(url, params, signature));
    }

    private static io.restassured.response.ValidatableResponse webhook(String contact, String messageSid,
            String profileName, String body) {
        Map<String, String> params = inbound(contact, messageSid, profileName, body);
        return given().contentType(ContentType.URLENC.withCharset(StandardCharsets.UTF_8)).formParams(params)
                .header("X-Twilio-Signature", TwilioSignature.sign(AUTH_TOKEN, webhookUrl(), params))
                .post(webhookUrl())
                .then();
    }

    private static Map<String, String> inbound(String contact, String messageSid, String profileName, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("SmsMessageSid", messageSid);
        params.put("NumMedia", "0");
        params.put("ProfileName", profileName);
        params.put("MessageType", "text");
        params.put("SmsSid", messageSid);
        params.put("WaId", contact.substring(1));
        params.put("SmsStatus", "received");
        params.put("Body", body);
        params.put("To", BUSINESS);
        params.put("NumSegments", "1");
        params.put("ReferralNumMedia", "0");
        params.put("MessageSid", messageSid);
        params.put("AccountSid", ACCOUNT_SID);
        params.put("From", "whatsapp:" + contact);
        params.put("ApiVersion", "2010-04-01");
        return params;
    }

    private static String webhookUrl() {
        return ingest.baseUrl() + "/webhooks/twilio/whatsapp";
    }

    private static String windowUrl(String contactId) {
        return tracker.baseUrl() + "/contacts/" + contactId.replace("+", "%2B") + "/window";
    }

    private static List<LoggedRequest> messagesTo(String contactId) {
        return twilio.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH)))
                .stream()
                .filter(request -> ("whatsapp:" + contactId).equals(form(request.getBodyAsString()).get("To")))
                .collect(Collectors.toList());
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static String contentAndApprovals() {
        return """
                {"contents":[{"sid":"%s","account_sid":"%s","friendly_name":"we_miss_you","language":"en",
                "date_created":"2026-11-01T00:00:00Z","date_updated":"2026-11-01T00:00:00Z",
                "variables":{"1":"there"},
                "types":{"twilio/text":{"body":"Hi {{1}}, we are still here for you. Reply to continue."}},
                "approval_requests":{"name":"we_miss_you","category":"UTILITY","content_type":"twilio/text",
                "status":"approved","rejection_reason":"","allow_category_change":true}}],
                "meta":{"page":0,"page_size":50,"first_page_url":"","previous_page_url":null,"url":"","next_page_url":null,"key":"contents"}}
                """.formatted(CONTENT_SID, ACCOUNT_SID);
    }
}
