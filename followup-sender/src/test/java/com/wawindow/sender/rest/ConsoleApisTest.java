package com.wawindow.sender.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.wawindow.events.Topics;
import com.wawindow.infra.ExposedMetrics;
import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.FakeTwilioResource;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import com.wawindow.sender.repository.TemplateRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the console reads and does beyond the original API: every endpoint that takes a contact id, in every form
 * people type; the sends of a contact with their delivery status; follow-ups per day; the campaign list and cancel;
 * the decision counters on /q/metrics.
 */
@QuarkusTest
class ConsoleApisTest extends SenderTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TemplateRepository templates;

    @BeforeEach
    void twilioAcceptsByDefault() {
        FakeTwilio.acceptAll();
    }

    static List<String> forms(String contactId) {
        String d = contactId.substring(1);
        return List.of(contactId, d, "whatsapp:" + contactId,
                "+" + d.substring(0, 2) + " " + d.substring(2, 5) + "-" + d.substring(5, 9) + "-" + d.substring(9),
                "whatsapp: " + d.substring(0, 2) + "-" + d.substring(2));
    }

    @Test
    void contactEndpointsAnswerTheOneContactForEveryForm() {
        String contact = TestEvents.newContactId();
        List<String> forms = forms(contact);
        given().contentType(ContentType.JSON).body(Map.of("zoneId", "Asia/Makassar"))
                .put("/contacts/{id}/timezone", forms.get(3)).then().statusCode(200).body("contactId", equalTo(contact));
        for (String form : forms) {
            given().get("/contacts/{id}", form).then().statusCode(200)
                    .body("contactId", equalTo(contact)).body("zoneId", equalTo("Asia/Makassar"));
        }
        for (String form : forms) {
            String zone = "Asia/" + (form.hashCode() % 2 == 0 ? "Jakarta" : "Jayapura");
            given().contentType(ContentType.JSON).body(Map.of("zoneId", zone))
                    .put("/contacts/{id}/timezone", form).then().statusCode(200).body("contactId", equalTo(contact));
            given().get("/contacts/{id}", contact).then().body("zoneId", equalTo(zone));
        }
        given().get("/contacts/{id}", "not a number").then().statusCode(400);
        given().get("/dispatches").then().statusCode(400);
    }

    @Test
    void messagesTakeEveryFormInTheBodyAndTheSendsShowTheirDeliveryStatus() {
        String contact = TestEvents.newContactId();
        trackerSaysOpen(contact);
        List<String> forms = forms(contact);
        // a free-form text with the WaId: the issue's own example, once a 404
        given().contentType(ContentType.JSON).body(Map.of("contactId", contact.substring(1), "body", "Hi"))
                .post("/messages").then().statusCode(202).body("status", equalTo("SENT"));
        for (String form : forms) {
            given().contentType(ContentType.JSON).header("Idempotency-Key", "forms-" + form + contact)
                    .body(Map.of("contactId", form, "contentSid", FakeTwilioResource.CONTENT_SID))
                    .post("/messages").then().statusCode(202).body("status", equalTo("SENT"));
        }
        assertThat(FakeTwilio.requestsTo("whatsapp:" + contact), hasSize(1 + forms.size()));

        String sid = given().queryParam("contactId", contact).get("/dispatches").then().statusCode(200)
                .body("", hasSize(1 + forms.size())).body("[0].status", equalTo("QUEUED"))
                .body("[" + forms.size() + "].freeForm", equalTo(true))
                .body("[0].freeForm", equalTo(false)).extract().path("[0].messageSid");
        TestEvents.publish(Topics.MESSAGE_STATUS, TestEvents.status(contact, sid, "delivered", null));
        for (String form : forms) {
            await().atMost(WAIT).untilAsserted(() -> given().queryParam("contactId", form).get("/dispatches").then()
                    .statusCode(200).body("find { it.messageSid == '" + sid + "' }.status", equalTo("DELIVERED"))
                    .body("", hasSize(1 + forms.size())));
        }
    }

    @Test
    void theAuditTheDailyStatsAndTheDecisionCountersSeeAFollowUp() {
        double sentBefore = metric("sender_decisions_total", "decision=\"sent\"", "reason=\"accepted\"");
        String contact = TestEvents.newContactId();
        TestEvents.publish(Topics.WINDOW_EXPIRED, TestEvents.windowExpired(contact, "Budi"));
        await().atMost(WAIT).until(() -> FakeTwilio.requestsTo("whatsapp:" + contact).size() == 1);
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("contactId", contact).get("/followups").then()
                .statusCode(200).body("decision", hasItem("SENT")));
        List<Object> audit = given().queryParam("contactId", contact).get("/followups").then().extract().path("id");
        for (String form : forms(contact)) {
            given().queryParam("contactId", form).get("/followups").then().statusCode(200).body("id", equalTo(audit));
        }
        assertTrue(metric("sender_decisions_total", "decision=\"sent\"", "reason=\"accepted\"") >= sentBefore + 1);
        assertTrue(metric("sender_decisions_total", "decision=\"skipped\"", "reason=\"none\"") >= 0,
                "every decision is on the first scrape");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Instant from = today.minusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        given().queryParam("from", from.toString()).queryParam("to", to.toString()).get("/followups/stats/daily")
                .then().statusCode(200).body("day", equalTo(List.of(today.minusDays(2).toString(),
                        today.minusDays(1).toString(), today.toString())));
        int sentToday = given().queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/followups/stats/daily").then().extract().path("[2].sent");
        long sentTodayByStats = given().queryParam("from", today.atStartOfDay().toInstant(ZoneOffset.UTC).toString())
                .queryParam("to", to.toString()).get("/followups/stats").then().extract().jsonPath().getLong("sent");
        assertTrue(sentToday >= 1);
        assertEquals(sentTodayByStats, sentToday, "per day and over the range count alike");
        given().queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-06-01T00:00:00Z")
                .get("/followups/stats/daily").then().statusCode(400);
    }

    @Test
    void aCancelledCampaignStartsNoFurtherPageAndTheListShowsIt() {
        Instant after = Instant.now().minusSeconds((long) (Math.random() * 1_000_000));
        List<String> firstPage = List.of(TestEvents.newContactId(), TestEvents.newContactId());
        List<String> secondPage = List.of(TestEvents.newContactId());
        stubSegmentPage(after, null, firstPage, "page-2", 1500);
        stubSegmentPage(after, "page-2", secondPage, null, 0);

        int id = given().contentType(ContentType.JSON)
                .body(Map.of("templateId", defaultTemplateId(), "segment", Map.of("lastMessageAfter", after.toString())))
                .post("/campaigns").then().statusCode(201).extract().path("id");
        await().atMost(WAIT).until(() -> trackerPageRequests(after, null) >= 1);
        given().post("/campaigns/{id}/cancel", id).then().statusCode(200).body("state", is("CANCELLED"));
        given().post("/campaigns/{id}/cancel", id).then().statusCode(200).body("state", is("CANCELLED"));

        // the page in flight stops before its sends not yet started (each contact at most once); no page after it
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> trackerPageRequests(after, "page-2") == 0
                        && firstPage.stream().allMatch(c -> FakeTwilio.requestsTo("whatsapp:" + c).size() <= 1));
        assertThat(FakeTwilio.requestsTo("whatsapp:" + secondPage.get(0)), empty());
        given().get("/campaigns/{id}", id).then().statusCode(200).body("state", is("CANCELLED"));
        given().get("/campaigns").then().statusCode(200)
                .body("find { it.id == " + id + " }.state", is("CANCELLED"));

        given().post("/campaigns/{id}/cancel", 987654321).then().statusCode(404);
    }

    @Test
    void cancellingACompletedCampaignChangesNothing() {
        Instant after = Instant.now().minusSeconds((long) (Math.random() * 1_000_000));
        stubSegmentPage(after, null, List.of(TestEvents.newContactId()), null, 0);
        int id = given().contentType(ContentType.JSON)
                .body(Map.of("templateId", defaultTemplateId(), "segment", Map.of("lastMessageAfter", after.toString())))
                .post("/campaigns").then().statusCode(201).extract().path("id");
        await().atMost(WAIT).untilAsserted(() -> given().get("/campaigns/{id}", id).then().body("state", is("COMPLETED")));
        given().post("/campaigns/{id}/cancel", id).then().statusCode(200).body("state", is("COMPLETED"));
        given().queryParam("limit", 1).get("/campaigns").then().statusCode(200).body("", hasSize(1));
    }

    /** Consumer lag and the decision counters: the names the Grafana dashboard may use (ComposeFileTest). */
    @Test
    void everyMetricTheDashboardMayUseIsExposed() {
        await().atMost(WAIT).untilAsserted(() -> assertEquals(List.of(), ExposedMetrics.missing("followup-sender",
                given().get("/q/metrics").then().statusCode(200).extract().asString())));
    }

    private long defaultTemplateId() {
        return QuarkusTransaction.requiringNew().call(() -> templates.findBySid(FakeTwilioResource.CONTENT_SID).orElseThrow().id);
    }

    private static int trackerPageRequests(Instant after, String cursor) {
        return FakeTwilio.client().find(getRequestedFor(urlPathEqualTo("/tracker/contacts"))
                .withQueryParam("lastMessageAfter", WireMock.equalTo(after.toString()))
                .withQueryParam("cursor", cursor == null ? absent() : WireMock.equalTo(cursor))).size();
    }

    private static void stubSegmentPage(Instant after, String cursor, List<String> contactIds, String nextCursor,
            int delayMillis) {
        String items = contactIds.stream().map(id -> """
                {"contactId":"%s","contactAddress":"whatsapp:%s","profileName":"Budi","state":"CLOSED",
                 "lastMessageAt":"2026-01-01T00:00:00Z","expiresAt":"2026-01-02T00:00:00Z","optedOut":false}"""
                .formatted(id, id)).collect(Collectors.joining(","));
        String body = "{\"items\":[" + items + "],\"nextCursor\":" + (nextCursor == null ? "null" : "\"" + nextCursor + "\"") + "}";
        FakeTwilio.client().register(get(urlPathEqualTo("/tracker/contacts"))
                .withQueryParam("lastMessageAfter", WireMock.equalTo(after.toString()))
                .withQueryParam("cursor", cursor == null ? absent() : WireMock.equalTo(cursor))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)
                        .withFixedDelay(delayMillis)));
    }

    private static void trackerSaysOpen(String contactId) {
        Instant last = Instant.now().minus(Duration.ofHours(1));
        String body = """
                {"contactId":"%s","state":"OPEN","lastMessageAt":"%s","expiresAt":"%s","secondsRemaining":0,
                 "expiringSoon":false,"optedOut":false,"profileName":"Budi","contactAddress":"whatsapp:%s",
                 "entryPoint":{"open":false,"expiresAt":null}}""".formatted(contactId, last, last.plus(Duration.ofHours(24)),
                contactId);
        FakeTwilio.client().register(get(urlMatching("/tracker/contacts/(%2B|\\+)" + contactId.substring(1) + "/window"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    /** The value of the one series of {@code name} carrying all {@code labels}; -1 when absent. */
    static double metric(String name, String... labels) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : metrics.split("\n")) {
            if (line.startsWith(name + "{") && java.util.Arrays.stream(labels).allMatch(line::contains)) {
                Matcher m = Pattern.compile("} ([0-9.E+-]+)$").matcher(line);
                if (m.find()) {
                    return Double.parseDouble(m.group(1));
                }
            }
        }
        return -1;
    }
}
