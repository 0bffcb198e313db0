package com.wawindow.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.twilio.security.RequestValidator;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One follow-up, end to end, as it runs in production: a signed Twilio webhook into ingest, the window in
 * the tracker, its close, and exactly one template message through the official SDK to a fake Twilio.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FollowUpEndToEndIT {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static RunningSystem system;

    @BeforeAll
    static void startSystem() throws Exception {
        // the notice comes 5 s before a close, and a nudge must leave 1 s before it: room for a loaded box's lateness
        system = RunningSystem.start("e2e", WINDOW, Map.of("FOLLOWUP_NUDGE_CLOSE_MARGIN", "PT1S"), Secrets.random(),
                new RunningSystem.Setup(null, Map.of("WINDOW_EXPIRING_SOON_LEAD", "PT5S"), Map.of(), null));
        System.out.printf("RSS after start: ingest %d MiB, tracker %d MiB, sender %d MiB%n",
                system.rssMiB("ingest-service"), system.rssMiB("window-tracker"), system.rssMiB("followup-sender"));
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void signedWebhookOpensTheWindowAndExactlyOneTemplateFollowsItsClose() throws Exception {
        String silent = "+6281100000001";
        String replier = "+6281100000002";
        String forged = "+6281100000003";

        system.webhook(silent, "SMe2e0000000000000000000000000001", "Budi", "halo").statusCode(200)
                .contentType(containsString("xml")).body(containsString("<Response"));
        Instant replierFirst = Instant.now();
        system.webhook(replier, "SMe2e0000000000000000000000000002", "Sari", "hi").statusCode(200);
        system.webhook(RunningSystem.inbound(forged, "SMe2e0000000000000000000000000003", "Eve", "forged"), "not-the-token")
                .statusCode(403).contentType(containsString("application/problem+json"));

        // The replier answers halfway through the window: its first deadline must pass without a follow-up. The think
        // time counts from its first message, so a slow start of the steps above does not push the reply later.
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), replierFirst.plus(WINDOW.dividedBy(2))).toMillis()));
        Instant reply = Instant.now();
        system.webhook(replier, "SMe2e0000000000000000000000000004", "Sari", "one more thing").statusCode(200);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> system.window(silent)
                .statusCode(200).body("contactId", equalTo(silent)).body("lastMessageSid",
                        equalTo("SMe2e0000000000000000000000000001")));
        // what the scenario needs, in the tracker's own times: the reply arrived before the first deadline
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> system.window(replier).statusCode(200)
                .body("state", equalTo("OPEN")).body("lastMessageSid", equalTo("SMe2e0000000000000000000000000004")));
        Instant firstSeen = Instant.parse(system.window(replier).extract().path("firstSeenAt"));
        Instant replyReceived = Instant.parse(system.window(replier).extract().path("lastMessageAt"));
        assertTrue(replyReceived.isBefore(firstSeen.plus(WINDOW)), "the reply reached ingest at " + replyReceived
                + ", after the first deadline " + firstSeen.plus(WINDOW) + ": this box delayed the test's own steps by "
                + "more than half a window, so the scenario did not happen");

        await().atMost(WINDOW.plusSeconds(30)).until(() -> system.messagesTo(silent).size() == 1);
        // the replier's first deadline plus ten scan intervals: a follow-up for it would have been sent by now,
        // and the extended deadline (reply + WINDOW) is still ahead
        Instant firstDeadlineSettled = replierFirst.plus(WINDOW).plusSeconds(2);
        await().atMost(WINDOW.plusSeconds(30)).until(() -> Instant.now().isAfter(firstDeadlineSettled));
        assertTrue(Instant.now().isBefore(reply.plus(WINDOW)), "still before the replier's extended deadline");
        assertEquals(0, system.messagesTo(replier).size(), "a reply before expiry must cancel the follow-up of the old deadline");

        LoggedRequest followUp = system.messagesTo(silent).get(0);
        Map<String, String> form = RunningSystem.form(followUp);
        assertEquals("whatsapp:" + silent, form.get("To"));
        assertEquals(RunningSystem.BUSINESS, form.get("From"));
        assertEquals(RunningSystem.CONTENT_SID, form.get("ContentSid"));
        assertEquals("{\"1\":\"Budi\"}", form.get("ContentVariables").replace(" ", ""));
        assertEquals("Basic " + Base64.getEncoder().encodeToString((RunningSystem.ACCOUNT_SID + ":" + system.secrets.senderToken())
                .getBytes(StandardCharsets.UTF_8)), followUp.getHeader("Authorization"));

        system.window(silent).statusCode(200).body("state", equalTo("CLOSED"));
        system.window(forged).statusCode(404);

        // The replier's extended window closes later and gets its one follow-up then.
        await().atMost(WINDOW.plusSeconds(30)).until(() -> system.messagesTo(replier).size() == 1);
        Instant replierFollowUp = system.messagesTo(replier).get(0).getLoggedDate().toInstant();
        assertTrue(!replierFollowUp.isBefore(reply.plus(WINDOW).minusMillis(500)),
                "follow-up at " + replierFollowUp + " came before the extended deadline " + reply.plus(WINDOW));

        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals(2, system.allMessages().size(), "one follow-up per closed window, nothing else"));
    }

    /**
     * A NUDGE rule through the sender's API: a contact's window gets one free-form nudge before its deadline and one
     * template after it. Then Meta pauses the template: the Event Streams webhook to ingest, signed as Twilio signs it
     * (bodySHA256), reaches the sender through the broker, and the next window's close sends no template at all, while
     * its nudge (a free-form text, no template) still goes. Last: the rule off and the template approved again.
     */
    @Test
    @Order(2)
    void aNudgeGoesInsideTheWindowAndATemplatePausedByMetaStopsItsRuleBeforeTheNextSend() throws Exception {
        String sender = system.url("followup-sender");
        int rule = given().header("Authorization", "Bearer " + system.secrets.adminKey()).contentType(ContentType.JSON)
                .body(Map.of("name", "e2e-nudge", "kind", "NUDGE", "body", "Anything else we can help with, {profileName}?"))
                .post(sender + "/rules").then().statusCode(201).extract().path("id");
        try {
            String nudged = "+6281100000011";
            Instant opened = Instant.now();
            system.webhook(nudged, "SMe2e0000000000000000000000000011", "Budi", "halo").statusCode(200);
            await().atMost(WINDOW.plusSeconds(30)).until(() -> system.messagesTo(nudged).size() == 2);
            List<LoggedRequest> both = system.messagesTo(nudged);
            Map<String, String> nudge = RunningSystem.form(both.get(0));
            assertEquals("Anything else we can help with, Budi?", nudge.get("Body"));
            assertTrue(both.get(0).getLoggedDate().toInstant().isBefore(opened.plus(WINDOW)),
                    "the nudge reached the fake at " + both.get(0).getLoggedDate().toInstant() + ", inside the window");
            assertEquals(RunningSystem.CONTENT_SID, RunningSystem.form(both.get(1)).get("ContentSid"));

            templateEvent("NO00000000000000000000000000000001", "approved", "paused").statusCode(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> "paused".equals(given()
                    .header("Authorization", "Bearer " + system.secrets.viewerKey()).get(sender + "/templates").then()
                    .extract().path("find { it.contentSid == '" + RunningSystem.CONTENT_SID + "' }.approvalStatus")));
            String afterPause = "+6281100000012";
            Instant deadline = Instant.now().plus(WINDOW);
            system.webhook(afterPause, "SMe2e0000000000000000000000000012", "Sari", "hi").statusCode(200);
            await().atMost(WINDOW.plusSeconds(30)).until(() -> Instant.now().isAfter(deadline.plusSeconds(5)));
            List<LoggedRequest> sent = system.messagesTo(afterPause);
            assertEquals(1, sent.size(), "only the nudge: " + sent.stream().map(RunningSystem::form).toList());
            assertEquals(null, RunningSystem.form(sent.get(0)).get("ContentSid"));
        } finally {
            given().header("Authorization", "Bearer " + system.secrets.adminKey()).contentType(ContentType.JSON)
                    .body(Map.of("name", "e2e-nudge", "kind", "NUDGE", "body", "off", "enabled", false))
                    .put(sender + "/rules/" + rule).then().statusCode(200);
            templateEvent("NO00000000000000000000000000000002", "paused", "approved").statusCode(200);
        }
    }

    /** Event Streams' template approval update, as it posts it: a JSON array, the URL carrying bodySHA256. */
    private static io.restassured.response.ValidatableResponse templateEvent(String id, String from, String to)
            throws Exception {
        String body = ("[{\"specversion\":\"1.0\",\"type\":\"com.twilio.messaging.template.approval.updated\",\"id\":\"%s\","
                + "\"source\":\"/v1/Content/%s\",\"time\":\"%s\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"type\":\"status_update\",\"template\":{\"sid\":\"%s\",\"previousValue\":\"%s\","
                + "\"currentValue\":\"%s\"}}}]")
                .formatted(id, RunningSystem.CONTENT_SID, Instant.now(), RunningSystem.CONTENT_SID, from, to);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        String url = system.url("ingest-service") + "/webhooks/twilio/events?bodySHA256=" + sha;
        return given().contentType(ContentType.JSON).body(bytes)
                .header("X-Twilio-Signature", TwilioSignature.sign(system.secrets.webhookToken(), url, Map.of()))
                .post(url).then();
    }

    @Test
    @Order(3)
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
}
