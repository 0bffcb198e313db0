package com.wawindow.sender.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wawindow.events.ConsentChange;
import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpired;
import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.FakeTwilioResource;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import com.wawindow.sender.entity.ScheduledFollowup;
import com.wawindow.sender.repository.ScheduledFollowupRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry synced from the Content API, rules over REST, and what they decide for a closed window. */
@QuarkusTest
class TemplatesAndRulesTest extends SenderTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String UTILITY = "HX" + "1".repeat(32);
    private static final String REJECTED = "HX" + "2".repeat(32);
    private static final String MARKETING = "HX" + "3".repeat(32);

    @Inject
    ScheduledFollowupRepository scheduled;

    @BeforeEach
    void twilioAcceptsByDefault() {
        FakeTwilio.acceptAll();
    }

    @Test
    void syncRecordsTemplatesAndTheirStatusChanges() {
        stubContentApi("approved", "approved");
        java.time.Instant beforeSync = java.time.Instant.now().minusSeconds(1);
        given().when().post("/templates/sync").then().log().ifValidationFails().statusCode(200).body("fetched", is(3));
        String synced = given().when().get("/templates").then().statusCode(200)
                .extract().path("find { it.contentSid == '" + UTILITY + "' }.lastSyncedAt");
        org.junit.jupiter.api.Assertions.assertTrue(java.time.Instant.parse(synced).isAfter(beforeSync), synced);

        given().when().get("/templates").then().statusCode(200)
                .body("find { it.contentSid == '" + UTILITY + "' }.approvalStatus", equalTo("approved"))
                .body("find { it.contentSid == '" + UTILITY + "' }.category", equalTo("UTILITY"))
                .body("find { it.contentSid == '" + REJECTED + "' }.approvalStatus", equalTo("rejected"))
                .body("find { it.contentSid == '" + REJECTED + "' }.rejectionReason", containsString("INVALID_FORMAT"))
                .body("find { it.contentSid == '" + MARKETING + "' }.category", equalTo("MARKETING"))
                .body("find { it.contentSid == '" + FakeTwilioResource.CONTENT_SID + "' }.approvalStatus", equalTo("approved"));

        stubContentApi("paused", "approved");
        given().when().post("/templates/sync").then().statusCode(200).body("statusChanges", is(1));
        int id = given().when().get("/templates").then().extract()
                .path("find { it.contentSid == '" + UTILITY + "' }.id");
        given().when().get("/templates/" + id).then().statusCode(200)
                .body("approvalStatus", equalTo("paused"))
                .body("statusChanges.newStatus", equalTo(java.util.List.of("approved", "paused")));
    }

    @Test
    void aSyncThatFailsAnswers502AndChangesNothing() {
        var failing = FakeTwilio.client().register(get(urlPathEqualTo("/v1/ContentAndApprovals")).atPriority(1)
                .willReturn(FakeTwilio.error(500, 20500)));
        try {
            given().when().post("/templates/sync").then().statusCode(502)
                    .contentType("application/problem+json").body("type", containsString("content-api-unavailable"));
            given().when().get("/templates").then()
                    .body("find { it.contentSid == '" + FakeTwilioResource.CONTENT_SID + "' }.approvalStatus", equalTo("approved"));
        } finally {
            FakeTwilio.client().removeStubMapping(failing);
        }
    }

    @Test
    void aRuleWithATemplateThatIsNotApprovedIsSkippedWithTheReason() {
        stubContentApi("approved", "approved");
        given().when().post("/templates/sync").then().statusCode(200);
        int rule = createRule(Map.of("name", "rejected-template", "contentSid", REJECTED, "maxPerWindow", 2));
        try {
            String contactId = TestEvents.newContactId();
            TestEvents.publish(Topics.WINDOW_EXPIRED, TestEvents.windowExpired(contactId, "Nia"));

            await().atMost(WAIT).untilAsserted(() -> given().queryParam("contactId", contactId).when().get("/followups")
                    .then().body("reason", hasItem(containsString("template " + REJECTED + " is rejected: INVALID_FORMAT"))));
            // the default rule's approved template still went, once
            await().atMost(WAIT).until(() -> FakeTwilio.requestsTo("whatsapp:" + contactId).size() == 1);
        } finally {
            disable(rule, "rejected-template", REJECTED);
        }
    }

    @Test
    void aDelayedFollowUpIsSentWhenDueAndAReplyCancelsIt() {
        int rule = createRule(Map.of("name", "later", "contentSid", FakeTwilioResource.CONTENT_SID, "maxPerWindow", 2,
                "delaySeconds", 5));
        try {
            String silent = TestEvents.newContactId();
            String replying = TestEvents.newContactId();
            WindowExpired silentWindow = TestEvents.windowExpired(silent, "Ani");
            WindowExpired replyingWindow = TestEvents.windowExpired(replying, "Bayu");
            TestEvents.publish(Topics.WINDOW_EXPIRED, silentWindow);
            TestEvents.publish(Topics.WINDOW_EXPIRED, replyingWindow);
            await().atMost(WAIT).until(() -> scheduledFor(replyingWindow).isPresent());
            TestEvents.publish(Topics.INBOUND_MESSAGES, TestEvents.inbound(replying, "still there?", ConsentChange.NONE,
                    Instant.now()));

            // the default rule at once, then the delayed one from the scheduler, 5 s after the window closed
            await().atMost(WAIT).until(() -> FakeTwilio.requestsTo("whatsapp:" + silent).size() == 2);
            await().atMost(WAIT).until(() -> scheduledFor(replyingWindow).map(s -> s.state),
                    equalTo(Optional.of(ScheduledFollowup.State.CANCELLED)));
            await().atMost(WAIT).until(() -> scheduledFor(silentWindow).map(s -> s.state),
                    equalTo(Optional.of(ScheduledFollowup.State.DONE)));
            assertThat(FakeTwilio.requestsTo("whatsapp:" + replying), hasSize(1));
            given().queryParam("contactId", replying).when().get("/followups").then()
                    .body("decision", hasItem("CANCELLED"));
        } finally {
            disable(rule, "later", FakeTwilioResource.CONTENT_SID);
        }
    }

    @Test
    void aSecondMarketingTemplateWithinTheCooldownIsSkipped() {
        given().contentType(ContentType.JSON).body(Map.of("contentSid", MARKETING, "friendlyName", "promo",
                "category", "MARKETING", "approvalStatus", "approved")).when().post("/templates").then().statusCode(201);
        int rule = createRule(Map.of("name", "promo", "contentSid", MARKETING, "maxPerWindow", 2));
        try {
            String contactId = TestEvents.newContactId();
            TestEvents.publish(Topics.WINDOW_EXPIRED, TestEvents.windowExpired(contactId, "Gita"));
            await().atMost(WAIT).until(() -> FakeTwilio.requestsTo("whatsapp:" + contactId).stream().map(FakeTwilio::form)
                    .anyMatch(form -> MARKETING.equals(form.get("ContentSid"))));
            TestEvents.publish(Topics.WINDOW_EXPIRED, TestEvents.windowExpired(contactId, "Gita"));

            await().atMost(WAIT).untilAsserted(() -> given().queryParam("contactId", contactId).when().get("/followups")
                    .then().body("reason", hasItem("a MARKETING template reached this contact within PT24H")));
            assertEquals(1, FakeTwilio.requestsTo("whatsapp:" + contactId).stream().map(FakeTwilio::form)
                    .filter(form -> MARKETING.equals(form.get("ContentSid"))).count());
        } finally {
            disable(rule, "promo", MARKETING);
        }
    }

    @Test
    void badRulesAreRefusedWithProblemJson() {
        given().contentType(ContentType.JSON).body(Map.of("name", "bad", "contentSid", "not-a-sid"))
                .when().post("/rules").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "bad", "contentSid", UTILITY, "quietHours", "late evening"))
                .when().post("/rules").then().statusCode(400).body("detail", containsString("21:00-08:00"));
        given().contentType(ContentType.JSON).body(Map.of("name", "default", "contentSid", UTILITY))
                .when().post("/rules").then().statusCode(409).body("type", containsString("rule-exists"));
        given().when().get("/rules/999999").then().statusCode(404).contentType("application/problem+json");
    }

    private static int createRule(Map<String, Object> rule) {
        return given().contentType(ContentType.JSON).body(rule).when().post("/rules").then().statusCode(201)
                .extract().path("id");
    }

    private static void disable(int id, String name, String contentSid) {
        given().contentType(ContentType.JSON).body(Map.of("name", name, "contentSid", contentSid, "enabled", false))
                .when().put("/rules/" + id).then().statusCode(200).body("enabled", is(false));
    }

    private Optional<ScheduledFollowup> scheduledFor(WindowExpired event) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<ScheduledFollowup> found = scheduled.find("windowEventId", event.eventId()).firstResultOptional();
            found.ifPresent(scheduled.getEntityManager()::detach);
            return found;
        });
    }

    private static void stubContentApi(String utilityStatus, String marketingStatus) {
        String body = """
                {"contents": [
                  {"sid": "%s", "account_sid": "%s", "friendly_name": "order_update", "language": "en",
                   "variables": {"1": "name"}, "types": {"twilio/text": {"body": "Your order is on its way"}},
                   "approval_requests": {"name": "order_update", "category": "UTILITY", "content_type": "twilio/text",
                     "status": "%s", "rejection_reason": "", "allow_category_change": false}},
                  {"sid": "%s", "account_sid": "%s", "friendly_name": "video", "language": "en",
                   "variables": {}, "types": {},
                   "approval_requests": {"name": "video", "category": "UTILITY", "content_type": "twilio/media",
                     "status": "rejected", "rejection_reason": "INVALID_FORMAT. Missing example", "allow_category_change": true}},
                  {"sid": "%s", "account_sid": "%s", "friendly_name": "promo", "language": "id",
                   "variables": {"1": "name"}, "types": {},
                   "approval_requests": {"name": "promo", "category": "MARKETING", "content_type": "twilio/text",
                     "status": "%s", "rejection_reason": "", "allow_category_change": false}}],
                 "meta": {"page": 0, "page_size": 500, "first_page_url": "https://content.twilio.com/v1/ContentAndApprovals?PageSize=500&Page=0",
                   "previous_page_url": null, "next_page_url": null,
                   "url": "https://content.twilio.com/v1/ContentAndApprovals?PageSize=500&Page=0", "key": "contents"}}
                """.formatted(UTILITY, FakeTwilioResource.ACCOUNT_SID, utilityStatus, REJECTED, FakeTwilioResource.ACCOUNT_SID,
                MARKETING, FakeTwilioResource.ACCOUNT_SID, marketingStatus);
        FakeTwilio.client().register(get(urlPathEqualTo("/v1/ContentAndApprovals")).atPriority(5)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }
}
