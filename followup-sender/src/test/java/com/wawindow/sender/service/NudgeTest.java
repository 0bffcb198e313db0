package com.wawindow.sender.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.wawindow.events.ConsentChange;
import com.wawindow.events.EventIds;
import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.WindowExpiringSoon;
import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * In-window nudges with the real broker and database and the fake Twilio, counted at the fake: one free-form nudge per
 * window while it is open, none when it closes within the margin, none to the holdout, none right after another send,
 * none to an opted-out contact; a reply after the nudge cancels the template follow-up, and the stats compare the arms.
 */
@QuarkusTest
class NudgeTest extends SenderTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TEXT = "Anything else we can help with, {profileName|there}?";

    private final List<Long> rules = new ArrayList<>();

    @BeforeEach
    void twilioAccepts() {
        FakeTwilio.acceptAll();
    }

    @AfterEach
    void nudgeRulesOff() {
        for (long id : rules) {
            given().contentType(ContentType.JSON).body(Map.of("name", "nudge-" + id + "-off-" + UUID.randomUUID(),
                    "kind", "NUDGE", "body", TEXT, "enabled", false)).when().put("/rules/" + id).then().statusCode(200);
        }
        rules.clear();
    }

    @Test
    void aNudgeGoesOutOnceInsideTheWindowAndAReplyAfterItCancelsTheFollowUp() {
        long rule = nudgeRule(0, 0);
        String contactId = TestEvents.newContactId();
        Window window = window(contactId, Duration.ofMinutes(10));

        TestEvents.publish(Topics.WINDOW_EXPIRING_SOON, window.notice());
        TestEvents.publish(Topics.WINDOW_EXPIRING_SOON, window.notice());

        await().atMost(WAIT).until(() -> FakeTwilio.requestsTo(window.to()).size() == 1);
        Map<String, String> sent = FakeTwilio.form(FakeTwilio.requestsTo(window.to()).get(0));
        assertEquals("Anything else we can help with, Budi?", sent.get("Body"));
        assertFalse(sent.containsKey("ContentSid"), "a nudge is a free-form session message");

        TestEvents.publish(Topics.INBOUND_MESSAGES, TestEvents.inbound(contactId, "yes, one more thing", ConsentChange.NONE,
                Instant.now()));
        await().atMost(WAIT).until(() -> nudgeStats(rule).getInt("nudgedReplied") == 1);
        TestEvents.publish(Topics.WINDOW_EXPIRED, window.closed());

        await().atMost(WAIT).until(() -> decisions(contactId).contains("contact replied after the window opened"));
        assertStaysAt(window.to(), 1);
        JsonPath stats = nudgeStats(rule);
        assertEquals(1, stats.getInt("nudged"));
        assertEquals(1.0, stats.getDouble("nudgedReplyRate"), 0.0);
        JsonPath dispatch = new JsonPath(given().queryParam("contactId", contactId).when().get("/dispatches").then()
                .statusCode(200).extract().asString()).setRootPath("[0]");
        assertEquals("NUDGE", dispatch.getString("kind"));
        assertEquals("service", dispatch.getString("pricingCategory"));
    }

    @Test
    void aWindowClosingWithinTheMarginGetsNoNudge() {
        long rule = nudgeRule(0, 0);
        String contactId = TestEvents.newContactId();
        Window window = window(contactId, Duration.ofSeconds(30));

        TestEvents.publish(Topics.WINDOW_EXPIRING_SOON, window.notice());

        await().atMost(WAIT).until(() -> decisions(contactId).stream().anyMatch(r -> r.startsWith("nudge: dropped: ")));
        assertStaysAt(window.to(), 0);
        assertEquals(1, nudgeStats(rule).getInt("dropped"));
    }

    @Test
    void theHoldoutGetsNoNudgeAndTheStatsCompareTheArms() {
        long rule = nudgeRule(50, 0);
        Window heldOut = null;
        Window nudged = null;
        while (heldOut == null || nudged == null) {
            Window candidate = window(TestEvents.newContactId(), Duration.ofMinutes(10));
            if (NudgePolicy.heldOut(candidate.notice().eventId(), rule, 50)) {
                heldOut = heldOut == null ? candidate : heldOut;
            } else {
                nudged = nudged == null ? candidate : nudged;
            }
        }
        TestEvents.publish(Topics.WINDOW_EXPIRING_SOON, heldOut.notice());
        TestEvents.publish(Topics.WINDOW_EXPIRING_SOON, nudged.notice());

        String nudgedTo = nudged.to();
        await().atMost(WAIT).until(() -> FakeTwilio.requestsTo(nudgedTo).size() == 1);
        String heldOutContact = heldOut.contactId();
        await().atMost(WAIT).until(() -> decisions(heldOutContact).stream().anyMatch(r -> r.startsWith("nudge: held out")));
        TestEvents.publish(Topics.INBOUND_MESSAGES, TestEvents.inbound(heldOut.contactId(), "hello?", ConsentChange.NONE,
                Instant.now()));
        await().atMost(WAIT).until(() -> nudgeStats(rule).getInt("heldOutReplied") == 1);
        assertStaysAt(heldOut.to(), 0);
        JsonPath stats = nudgeStats(rule);
        assertEquals(1, stats.getInt("nudged"));
        assertEquals(0, stats.getInt("nudgedReplied"));
        assertEquals(1, stats.getInt("heldOut"));
        assertEquals(-1.0, stats.getDouble("replyRateLift"), 1e-9);
    }

    @Test
    void noNudgeRightAfterAnotherSendNorToAnOptedOutContact() {
        nudgeRule(0, 600);
        String contactId = TestEvents.newContactId();
        Window first = window(contactId, Duration.ofMinutes(20));
        TestEvents.publish(Topics.WINDOW_EXPIRING_SOON, first.notice());
        await().atMost(WAIT).until(() -> FakeTwilio.requestsTo(first.to()).size() == 1);
        // a later window of the same contact, within the rule's 600 s of the first nudge
        Window second = window(contactId, Duration.ofMinutes(15));
        TestEvents.publish(Topics.WINDOW_EXPIRING_SOON, second.notice());
        await().atMost(WAIT).until(() -> decisions(contactId).stream()
                .anyMatch(r -> r.startsWith("nudge: a message went to the contact at")));

        String optedOut = TestEvents.newContactId();
        TestEvents.publish(Topics.INBOUND_MESSAGES, TestEvents.inbound(optedOut, "STOP", ConsentChange.OPT_OUT,
                Instant.now().minus(Duration.ofHours(23))));
        Window theirs = window(optedOut, Duration.ofMinutes(10));
        await().atMost(WAIT).until(() -> given().when().get("/contacts/" + optedOut).then().extract().statusCode() == 200
                && given().when().get("/contacts/" + optedOut).then().extract().jsonPath().getBoolean("optedOut"));
        TestEvents.publish(Topics.WINDOW_EXPIRING_SOON, theirs.notice());
        await().atMost(WAIT).until(() -> decisions(optedOut).contains("nudge: contact opted out"));
        assertStaysAt(first.to(), 1);
        assertStaysAt(theirs.to(), 0);
    }

    @Test
    void aRuleWithoutItsTextIsRefused() {
        given().contentType(ContentType.JSON).body(Map.of("name", "nudge-" + UUID.randomUUID(), "kind", "NUDGE"))
                .when().post("/rules").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("name", "nudge-" + UUID.randomUUID(), "kind", "NUDGE",
                        "body", TEXT, "holdoutPercent", 101))
                .when().post("/rules").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("name", "nudge-" + UUID.randomUUID(), "kind", "NUDGE",
                        "body", "x".repeat(1025)))
                .when().post("/rules").then().statusCode(400);
    }

    /** A window opened 24 h before {@code closesIn} from now, by a message of its own. */
    private record Window(String contactId, String openingSid, Instant openedAt, Instant expiresAt) {

        String to() {
            return "whatsapp:" + contactId;
        }

        WindowExpiringSoon notice() {
            return TestEvents.expiringSoon(contactId, openingSid, openedAt, expiresAt);
        }

        WindowExpired closed() {
            return new WindowExpired(EventIds.windowExpired(contactId, openingSid), WindowExpired.CURRENT_VERSION, contactId,
                    to(), "whatsapp:+14155238886", "Budi", openedAt, Instant.now().minusSeconds(1), openingSid, false, false);
        }
    }

    private static Window window(String contactId, Duration closesIn) {
        Instant expiresAt = Instant.now().plus(closesIn);
        return new Window(contactId, "SM" + UUID.randomUUID().toString().replace("-", ""),
                expiresAt.minus(Duration.ofHours(24)), expiresAt);
    }

    private long nudgeRule(int holdoutPercent, long quietAfterSendSeconds) {
        long id = given().contentType(ContentType.JSON).body(Map.of("name", "nudge-" + UUID.randomUUID(), "kind", "NUDGE",
                        "body", TEXT, "holdoutPercent", holdoutPercent, "quietAfterSendSeconds", quietAfterSendSeconds))
                .when().post("/rules").then().log().ifValidationFails().statusCode(201)
                .body("kind", org.hamcrest.Matchers.is("NUDGE")).extract().jsonPath().getLong("id");
        rules.add(id);
        given().when().get("/rules").then().body("kind", hasItem("NUDGE"));
        return id;
    }

    private static JsonPath nudgeStats(long rule) {
        JsonPath all = given().when().get("/followups/stats/nudges").then().statusCode(200).extract().jsonPath();
        assertTrue(all.getList("ruleId").stream().anyMatch(id -> ((Number) id).longValue() == rule), "rule " + rule);
        return all.setRootPath("find { it.ruleId == " + rule + " }");
    }

    private static List<String> decisions(String contactId) {
        return given().queryParam("contactId", contactId).when().get("/followups").then().statusCode(200).extract()
                .jsonPath().getList("reason", String.class);
    }

    /** Nothing more reaches the fake over a few recovery passes. */
    private static void assertStaysAt(String to, int count) {
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> FakeTwilio.requestsTo(to).size() == count);
        List<LoggedRequest> requests = FakeTwilio.requestsTo(to);
        assertEquals(count, requests.size());
    }
}
