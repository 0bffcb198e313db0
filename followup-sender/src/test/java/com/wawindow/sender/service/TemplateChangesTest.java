package com.wawindow.sender.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.TemplateApprovalChanged.Change;
import com.wawindow.events.Topics;
import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Meta's template changes on template-changes (as ingest publishes Event Streams' events), on the real broker: a
 * template paused stops its rule before the next send, once however often the event comes; a template re-categorised
 * from UTILITY to MARKETING is flagged, and a rule that requires UTILITY stops using it while another rule goes on.
 */
@QuarkusTest
class TemplateChangesTest extends SenderTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    MeterRegistry meters;

    @BeforeEach
    void twilioAcceptsByDefault() {
        FakeTwilio.acceptAll();
    }

    @Test
    void aTemplatePausedByMetaStopsItsRuleBeforeTheNextSendAndIsRecordedOnce() {
        String template = newTemplateSid();
        int templateId = register(template, "UTILITY");
        int rule = createRule(Map.of("name", "paused-" + template, "contentSid", template, "maxPerWindow", 2));
        try {
            String before = TestEvents.newContactId();
            TestEvents.publish(Topics.WINDOW_EXPIRED, TestEvents.windowExpired(before, "Rina"));
            await().atMost(WAIT).until(() -> sentWith(before, template) == 1);

            String event = "NO" + UUID.randomUUID().toString().replace("-", "");
            TestEvents.publish(TestEvents.templateChange(event, template, Change.STATUS, "approved", "paused"));
            TestEvents.publish(TestEvents.templateChange(event, template, Change.STATUS, "approved", "paused"));
            await().atMost(WAIT).untilAsserted(() -> given().get("/templates/" + templateId).then().statusCode(200)
                    .body("approvalStatus", equalTo("paused")));

            String after = TestEvents.newContactId();
            TestEvents.publish(Topics.WINDOW_EXPIRED, TestEvents.windowExpired(after, "Sinta"));
            await().atMost(WAIT).untilAsserted(() -> given().queryParam("contactId", after).get("/followups").then()
                    .body("reason", hasItem(containsString("template " + template + " is paused"))));
            // the default rule's template still went; the paused one did not
            await().atMost(WAIT).until(() -> FakeTwilio.requestsTo("whatsapp:" + after).size() == 1);
            assertEquals(0, sentWith(after, template));

            List<Map<String, Object>> changes = given().get("/templates/" + templateId).then().statusCode(200)
                    .extract().jsonPath().getList("statusChanges.findAll { it.source == 'event-streams " + event + "' }");
            assertEquals(1, changes.size(), "one audit entry for the event, delivered twice: " + changes);
            assertEquals("status", changes.get(0).get("field"));
            assertEquals("approved", changes.get(0).get("oldStatus"));
            assertEquals("paused", changes.get(0).get("newStatus"));
            assertEquals(1.0, changes("status", "paused", "applied"), 0.0);
            assertTrue(changes("status", "paused", "unchanged") >= 1.0, "the redelivery changed nothing");
        } finally {
            disable(rule, "paused-" + template, template);
        }
    }

    @Test
    void aTemplateMovedFromUtilityToMarketingIsFlaggedAndARuleThatRequiresUtilityStopsUsingIt() {
        String template = newTemplateSid();
        int templateId = register(template, "UTILITY");
        String name = "utility-only-" + template;
        int rule = createRule(Map.of("name", name, "contentSid", template, "maxPerWindow", 2, "requireUtility", true));
        try {
            given().get("/rules/" + rule).then().body("requireUtility", equalTo(true));
            TestEvents.publish(TestEvents.templateChange("NO" + UUID.randomUUID().toString().replace("-", ""), template,
                    Change.CATEGORY, "utility", "marketing"));
            await().atMost(WAIT).untilAsserted(() -> given().get("/templates/" + templateId).then().statusCode(200)
                    .body("category", equalTo("MARKETING")).body("recategorisedFrom", equalTo("UTILITY"))
                    .body("statusChanges.findAll { it.field == 'category' }", hasSize(1)));

            String contact = TestEvents.newContactId();
            TestEvents.publish(Topics.WINDOW_EXPIRED, TestEvents.windowExpired(contact, "Tono"));
            await().atMost(WAIT).untilAsserted(() -> given().queryParam("contactId", contact).get("/followups").then()
                    .body("reason", hasItem(containsString("rule " + name + " requires a UTILITY template; " + template
                            + " is MARKETING (Meta re-categorised it from UTILITY)"))));
            await().atMost(WAIT).until(() -> FakeTwilio.requestsTo("whatsapp:" + contact).size() == 1);
            assertEquals(0, sentWith(contact, template));
        } finally {
            disable(rule, name, template);
        }
    }

    private double changes(String change, String value, String outcome) {
        var counter = meters.find("followup.template.changes").tag("change", change).tag("value", value)
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private static long sentWith(String contactId, String contentSid) {
        return FakeTwilio.requestsTo("whatsapp:" + contactId).stream().map(FakeTwilio::form)
                .filter(form -> contentSid.equals(form.get("ContentSid"))).count();
    }

    private static int register(String contentSid, String category) {
        return given().contentType(ContentType.JSON).body(Map.of("contentSid", contentSid, "friendlyName", "t-" + contentSid,
                "category", category, "approvalStatus", "approved")).when().post("/templates").then().statusCode(201)
                .extract().path("id");
    }

    private static int createRule(Map<String, Object> rule) {
        return given().contentType(ContentType.JSON).body(rule).when().post("/rules").then().statusCode(201)
                .extract().path("id");
    }

    private static void disable(int id, String name, String contentSid) {
        given().contentType(ContentType.JSON).body(Map.of("name", name, "contentSid", contentSid, "enabled", false))
                .when().put("/rules/" + id).then().statusCode(200);
    }

    private static String newTemplateSid() {
        return "HX" + UUID.randomUUID().toString().replace("-", "");
    }
}
