package com.wawindow.sender.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.wawindow.events.Topics;
import com.wawindow.infra.ApiOperation;
import com.wawindow.infra.OpenApiOperations;
import com.wawindow.infra.TestApiKeys;
import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.FakeTwilioResource;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the sender's OpenAPI document (so a new endpoint cannot be forgotten), three ways: no credential
 * → 401 problem JSON with WWW-Authenticate; a viewer key on a write → 403 problem JSON; the right role (viewer for a
 * read, admin for a write) → the normal answer. A refused send or campaign reaches the fake Twilio zero times.
 */
@QuarkusTest
class EndpointAccessTest extends SenderTestBase {

    private static final String PROBLEM_JSON = "application/problem+json";

    private String contactId;
    private Instant refusedSegment;
    private Instant allowedSegment;
    private String refusedContact;
    private String allowedContact;

    @BeforeEach
    void noDefaultCredential() {
        RestAssured.requestSpecification = null;
        FakeTwilio.acceptAll();
        contactId = TestEvents.newContactId();
        refusedSegment = Instant.now().minusSeconds(1_000_000 + (long) (Math.random() * 1_000_000));
        allowedSegment = refusedSegment.minusSeconds(7);
        refusedContact = TestEvents.newContactId();
        allowedContact = TestEvents.newContactId();
        stubSegment(refusedSegment, refusedContact);
        stubSegment(allowedSegment, allowedContact);
        // an empty Content API answer, so POST /templates/sync has something to sync from
        FakeTwilio.client().register(get(urlPathEqualTo("/v1/ContentAndApprovals")).atPriority(20)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                        {"contents": [], "meta": {"page": 0, "page_size": 500, "first_page_url": null,
                         "previous_page_url": null, "next_page_url": null, "url": null, "key": "contents"}}""")));
    }

    @Test
    void everyOperationAnswersByRole() {
        List<ApiOperation> operations = OpenApiOperations.read("http://localhost:" + RestAssured.port);
        assertFalse(operations.isEmpty(), "the OpenAPI document lists the sender's operations");
        long templateId = given().spec(withKey(TestApiKeys.VIEWER)).get("/templates").then().statusCode(200)
                .extract().jsonPath().getLong("find { it.contentSid == '" + FakeTwilioResource.CONTENT_SID + "' }.id");
        long ruleId = given().spec(withKey(TestApiKeys.ADMIN)).contentType(ContentType.JSON)
                .body(Map.of("name", "access-" + UUID.randomUUID(), "contentSid", FakeTwilioResource.CONTENT_SID,
                        "enabled", false))
                .post("/rules").then().statusCode(201).extract().jsonPath().getLong("id");
        long campaignId = given().spec(withKey(TestApiKeys.ADMIN)).contentType(ContentType.JSON)
                .body(campaign(templateId, allowedSegment)).post("/campaigns").then().statusCode(201)
                .extract().jsonPath().getLong("id");

        // a campaign whose segment the tracker does not answer stays RUNNING, so an admin may still cancel it
        Instant unanswered = allowedSegment.minusSeconds(7);
        FakeTwilio.client().register(get(urlPathEqualTo("/tracker/contacts"))
                .withQueryParam("lastMessageAfter", WireMock.equalTo(unanswered.toString()))
                .willReturn(aResponse().withStatus(503)));
        long cancelledId = given().spec(withKey(TestApiKeys.ADMIN)).contentType(ContentType.JSON)
                .body(campaign(templateId, unanswered)).post("/campaigns").then().statusCode(201)
                .extract().jsonPath().getLong("id");

        List<String> table = new ArrayList<>();
        int checks = 0;
        int writes = 0;
        for (ApiOperation operation : operations) {
            long id = operation.pathTemplate().startsWith("/rules") ? ruleId
                    : operation.pathTemplate().endsWith("/cancel") ? cancelledId
                    : operation.pathTemplate().startsWith("/campaigns") ? campaignId : templateId;
            String path = operation.path(Map.of("id", Long.toString(id), "contactId", contactId, "topic", Topics.MESSAGE_STATUS));
            Object refusedBody = body(operation, templateId, refusedContact, refusedSegment);

            Response anonymous = call(operation, path, given(), refusedBody);
            assertEquals(401, anonymous.statusCode(), operation + " without a credential");
            assertTrue(anonymous.contentType().startsWith(PROBLEM_JSON), operation + " 401 is problem JSON");
            assertNotNull(anonymous.header("WWW-Authenticate"), operation + " 401 names its scheme");
            Response unknownKey = call(operation, path, given().spec(withKey("not-a-key")), refusedBody);
            assertEquals(401, unknownKey.statusCode(), operation + " with an unknown key");
            checks += 2;

            int viewerStatus;
            int adminStatus = -1;
            if (operation.isWrite()) {
                writes++;
                Response viewer = call(operation, path, given().spec(withKey(TestApiKeys.VIEWER)), refusedBody);
                viewerStatus = viewer.statusCode();
                assertEquals(403, viewerStatus, operation + " with a viewer key");
                assertTrue(viewer.contentType().startsWith(PROBLEM_JSON), operation + " 403 is problem JSON");
                Response admin = call(operation, path, given().spec(withKey(TestApiKeys.ADMIN)),
                        body(operation, templateId, contactId, allowedSegment));
                adminStatus = admin.statusCode();
                assertTrue(adminStatus >= 200 && adminStatus < 300, operation + " with an admin key answered "
                        + adminStatus + ": " + admin.asString());
                checks += 2;
            } else {
                viewerStatus = call(operation, path, given().spec(withKey(TestApiKeys.VIEWER)), null).statusCode();
                assertTrue(viewerStatus >= 200 && viewerStatus < 300, operation + " with a viewer key answered " + viewerStatus);
                checks++;
            }
            table.add(String.format("| %-6s | %-34s | %4d | %7d | %6d | %6s |", operation.method(),
                    operation.pathTemplate(), anonymous.statusCode(), unknownKey.statusCode(), viewerStatus,
                    adminStatus < 0 ? "-" : Integer.toString(adminStatus)));
        }

        // both admin campaigns (set-up and loop) ran: their segment's contact got the template once from each;
        // the refused ones were never stored, so their segment's contact got nothing
        await().atMost(Duration.ofSeconds(30)).until(() -> FakeTwilio.requestsTo("whatsapp:" + allowedContact).size() == 2);
        assertThat("refused POST /messages and POST /campaigns reached Twilio zero times",
                FakeTwilio.requestsTo("whatsapp:" + refusedContact), empty());
        assertThat("the admin's POST /messages went once", FakeTwilio.requestsTo("whatsapp:" + contactId), hasSize(1));

        System.out.println("| method | path                               | none | bad key | viewer | admin  |");
        System.out.println("| ------ | ---------------------------------- | ---- | ------- | ------ | ------ |");
        table.forEach(System.out::println);
        System.out.printf("%d operations (%d reads, %d writes), %d access checks%n", operations.size(),
                operations.size() - writes, writes, checks);
    }

    @Test
    void healthStaysOpenAndReadinessSaysWhetherThisIsADryRun() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'twilio-sending' }.data.dryRun", is(false));
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void aViewerKeyIsNotAnAdminKey() {
        given().spec(withKey(TestApiKeys.VIEWER)).contentType(ContentType.JSON)
                .body(Map.of("contactId", refusedContact, "contentSid", FakeTwilioResource.CONTENT_SID))
                .post("/messages").then().statusCode(403).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://wawindow.dev/problems/forbidden"));
        assertThat(FakeTwilio.requestsTo("whatsapp:" + refusedContact), empty());
    }

    private static Response call(ApiOperation operation, String path, RequestSpecification request, Object body) {
        request.urlEncodingEnabled(false); // ApiOperation.path encoded the path values already
        if (path.equals("/followups") || path.equals("/dispatches")) {
            request.queryParam("contactId", TestEvents.newContactId().replace("+", "%2B"));
        }
        if (body != null) {
            request.contentType(ContentType.JSON).body(body);
        }
        return request.request(operation.method(), path);
    }

    /** A valid body for each write the sender has; a new write without one here fails the admin check. */
    private static Object body(ApiOperation operation, long templateId, String contact, Instant segment) {
        return switch (operation.method() + " " + operation.pathTemplate()) {
            case "POST /messages" -> Map.of("contactId", contact, "contentSid", FakeTwilioResource.CONTENT_SID,
                    "contentVariables", Map.of("1", "Budi"));
            case "POST /campaigns", "POST /campaigns/estimate" -> campaign(templateId, segment);
            case "PUT /pricing/rates" -> List.of(Map.of("effectiveFrom", "2025-07-01", "category", "marketing", "region",
                    "*", "rate", 0.0604, "currency", "USD", "billableInServiceWindow", true, "source", "access test"));
            case "POST /rules" -> Map.of("name", "access-" + UUID.randomUUID(), "contentSid", FakeTwilioResource.CONTENT_SID,
                    "enabled", false);
            case "PUT /rules/{id}" -> Map.of("name", "access-" + UUID.randomUUID(), "contentSid",
                    FakeTwilioResource.CONTENT_SID, "enabled", false);
            case "POST /templates" -> Map.of("contentSid", "HX" + "4".repeat(32), "friendlyName", "access",
                    "category", "UTILITY", "approvalStatus", "approved");
            case "PUT /contacts/{contactId}/timezone" -> Map.of("zoneId", "Asia/Makassar");
            default -> null;
        };
    }

    private static Map<String, Object> campaign(long templateId, Instant segment) {
        return Map.of("templateId", templateId, "segment", Map.of("state", "closed", "lastMessageAfter", segment.toString()));
    }

    private static void stubSegment(Instant after, String contact) {
        String body = """
                {"items":[{"contactId":"%s","contactAddress":"whatsapp:%s","profileName":"Budi","state":"CLOSED",
                 "lastMessageAt":"2026-01-01T00:00:00Z","expiresAt":"2026-01-02T00:00:00Z","optedOut":false}],
                 "nextCursor":null}""".formatted(contact, contact);
        FakeTwilio.client().register(get(urlPathEqualTo("/tracker/contacts/count"))
                .withQueryParam("lastMessageAfter", WireMock.equalTo(after.toString()))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"count\":1,\"countedAt\":\"2026-01-01T00:00:00Z\"}")));
        FakeTwilio.client().register(get(urlPathEqualTo("/tracker/contacts"))
                .withQueryParam("lastMessageAfter", WireMock.equalTo(after.toString()))
                .withQueryParam("cursor", absent())
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }
}
