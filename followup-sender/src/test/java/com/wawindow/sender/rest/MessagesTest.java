package com.wawindow.sender.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wawindow.events.Topics;
import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.FakeTwilioResource;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The free-form guard asks window-tracker (faked) and sends nothing into a closed window. */
@QuarkusTest
class MessagesTest extends SenderTestBase {

    @BeforeEach
    void twilioAcceptsByDefault() {
        FakeTwilio.acceptAll();
    }

    @Test
    void freeFormGoesWhileTheWindowIsOpen() {
        String contactId = TestEvents.newContactId();
        trackerSays(contactId, "OPEN");

        given().contentType(ContentType.JSON).body(Map.of("contactId", contactId, "body", "Your order shipped"))
                .when().post("/messages").then().statusCode(202)
                .body("status", equalTo("SENT")).body("messageSid", startsWith("SM"));

        var sent = FakeTwilio.form(FakeTwilio.requestsTo("whatsapp:" + contactId).get(0));
        assertEquals("Your order shipped", sent.get("Body"));
        assertThat(sent, not(hasKey("ContentSid")));
        FakeTwilio.client().verifyThat(1, getRequestedFor(urlMatching("/tracker/contacts/.*" + contactId.substring(1) + "/window"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "Bearer " + FakeTwilioResource.TRACKER_API_KEY)));
    }

    @Test
    void aClosedWindowAnswers409AndSendsNothing() {
        String contactId = TestEvents.newContactId();
        trackerSays(contactId, "CLOSED");

        given().contentType(ContentType.JSON).body(Map.of("contactId", contactId, "body", "Hello again"))
                .when().post("/messages").then().statusCode(409).contentType("application/problem+json")
                .body("title", equalTo("window closed: send a template"))
                .body("type", equalTo("https://wawindow.dev/problems/window-closed"));

        assertThat(FakeTwilio.requestsTo("whatsapp:" + contactId), empty());
    }

    @Test
    void anOutsideWindowErrorBecomesATemplateFollowUp() {
        String contactId = TestEvents.newContactId();
        trackerSays(contactId, "OPEN");
        FakeTwilio.client().register(FakeTwilio.messagesTo("whatsapp:" + contactId).withRequestBody(containing("Body="))
                .willReturn(FakeTwilio.error(400, 63016)));

        given().contentType(ContentType.JSON).body(Map.of("contactId", contactId, "body", "Just in time?"))
                .when().post("/messages").then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString("63016"));

        await().atMost(Duration.ofSeconds(20)).until(() -> FakeTwilio.requestsTo("whatsapp:" + contactId).size() == 2);
        var followUp = FakeTwilio.requestsTo("whatsapp:" + contactId).stream().map(FakeTwilio::form)
                .filter(form -> form.containsKey("ContentSid")).toList();
        assertThat(followUp, hasSize(1));
        assertEquals(FakeTwilioResource.CONTENT_SID, followUp.get(0).get("ContentSid"));
    }

    @Test
    void anOutsideWindowStatusCallbackAlsoBecomesATemplateFollowUp() {
        String contactId = TestEvents.newContactId();
        trackerSays(contactId, "OPEN");
        String sid = given().contentType(ContentType.JSON).body(Map.of("contactId", contactId, "body", "See you"))
                .when().post("/messages").then().statusCode(202).extract().path("messageSid");

        TestEvents.publish(Topics.MESSAGE_STATUS, TestEvents.status(contactId, sid, "undelivered", "63016"));

        await().atMost(Duration.ofSeconds(30)).until(() -> FakeTwilio.requestsTo("whatsapp:" + contactId).size() == 2);
        var forms = FakeTwilio.requestsTo("whatsapp:" + contactId).stream().map(FakeTwilio::form).toList();
        assertEquals(1, forms.stream().filter(form -> FakeTwilioResource.CONTENT_SID.equals(form.get("ContentSid"))).count());
    }

    @Test
    void aTemplateGoesAtAnyTimeAndAnIdempotencyKeySendsOnce() {
        String contactId = TestEvents.newContactId();
        trackerSays(contactId, "CLOSED");
        Map<String, Object> request = Map.of("contactId", contactId, "contentSid", FakeTwilioResource.CONTENT_SID,
                "contentVariables", Map.of("1", "Budi"));

        given().contentType(ContentType.JSON).header("Idempotency-Key", "order-" + contactId).body(request)
                .when().post("/messages").then().statusCode(202).body("status", equalTo("SENT"));
        given().contentType(ContentType.JSON).header("Idempotency-Key", "order-" + contactId).body(request)
                .when().post("/messages").then().statusCode(200).body("status", equalTo("DUPLICATE"));

        var requests = FakeTwilio.requestsTo("whatsapp:" + contactId);
        assertThat(requests, hasSize(1));
        assertEquals("{\"1\":\"Budi\"}", FakeTwilio.form(requests.get(0)).get("ContentVariables"));
    }

    @Test
    void badRequestsGetProblemJson() {
        given().contentType(ContentType.JSON)
                .body(Map.of("contactId", "+628111", "body", "hi", "contentSid", FakeTwilioResource.CONTENT_SID))
                .when().post("/messages").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"contactId\":")
                .when().post("/messages").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("contactId", "+628111", "templateId", 987654))
                .when().post("/messages").then().statusCode(404).contentType("application/problem+json");
    }

    private static void trackerSays(String contactId, String state) {
        Instant last = Instant.now().minus(Duration.ofHours(state.equals("OPEN") ? 1 : 30));
        String body = """
                {"contactId":"%s","state":"%s","lastMessageAt":"%s","expiresAt":"%s","secondsRemaining":0,
                 "expiringSoon":false,"optedOut":false,"profileName":"Budi","contactAddress":"whatsapp:%s",
                 "entryPoint":{"open":false,"expiresAt":null}}""".formatted(contactId, state, last,
                last.plus(Duration.ofHours(24)), contactId);
        // only a request with the tracker key matches: without it the fake answers 404 and the send fails
        FakeTwilio.client().register(get(urlMatching("/tracker/contacts/(%2B|\\+)" + contactId.substring(1) + "/window"))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "Bearer " + FakeTwilioResource.TRACKER_API_KEY))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }
}
