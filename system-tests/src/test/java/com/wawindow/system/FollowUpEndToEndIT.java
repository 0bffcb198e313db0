package com.wawindow.system;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.twilio.security.RequestValidator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One follow-up, end to end, as it runs in production: a signed Twilio webhook into ingest, the window in
 * the tracker, its close, and exactly one template message through the official SDK to a fake Twilio.
 */
class FollowUpEndToEndIT {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static RunningSystem system;

    @BeforeAll
    static void startSystem() throws Exception {
        system = RunningSystem.start("e2e", WINDOW, Map.of());
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
}
