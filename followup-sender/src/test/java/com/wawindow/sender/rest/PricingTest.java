package com.wawindow.sender.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wawindow.events.EventIds;
import com.wawindow.events.MessageStatusChanged;
import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpired;
import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.FakeTwilioResource;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each send costs, through the API as an operator reads it: the pricing category and billable flag of a free-form
 * message, a utility template inside and outside the service window, a marketing template, a send inside the free entry
 * point window; a row effective tomorrow that does not change today's estimate; a status callback carrying Meta's
 * category that overrides the estimate; the cost report by template; a campaign's estimate before it starts.
 */
@QuarkusTest
class PricingTest extends SenderTestBase {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private String utility;
    private String marketing;
    private long marketingId;

    @BeforeEach
    void pricingTableAndTemplates() {
        FakeTwilio.acceptAll();
        given().contentType(ContentType.JSON).body(List.of(
                        rate(TODAY.minusYears(1), "marketing", "62", "0.0411", true),
                        rate(TODAY.plusDays(1), "marketing", "62", "0.0999", true),
                        rate(TODAY.minusYears(1), "utility", "62", "0.0250", false),
                        rate(TODAY.minusYears(1), "authentication", "*", "0.0300", true),
                        rate(TODAY.minusYears(1), "service", "*", "0", false)))
                .when().put("/pricing/rates").then().log().ifValidationFails().statusCode(200);
        utility = newSid();
        marketing = newSid();
        register(utility, "UTILITY");
        marketingId = register(marketing, "MARKETING");
    }

    @Test
    void eachKindOfSendHasMetasCategoryAndBill() {
        Instant start = Instant.now().minusSeconds(1);
        String freeForm = send(contactInWindow("OPEN", false), Map.of("body", "Your order shipped"));
        String utilityInWindow = send(contactInWindow("OPEN", false), Map.of("contentSid", utility));
        String utilityOutside = send(contactInWindow("CLOSED", false), Map.of("contentSid", utility));
        String marketingInWindow = send(contactInWindow("OPEN", false), Map.of("contentSid", marketing));
        String marketingFree = send(contactInWindow("CLOSED", true), Map.of("contentSid", marketing));

        assertPriced(freeForm, "service", false, "0");
        assertPriced(utilityInWindow, "utility", false, "0");
        assertPriced(utilityOutside, "utility", true, "0.025");
        // today's row, not tomorrow's 0.0999: a row takes effect on its date
        assertPriced(marketingInWindow, "marketing", true, "0.0411");
        assertPriced(marketingFree, "referral_conversion", false, "0");

        JsonPath report = given().queryParam("by", "template").queryParam("from", start.toString())
                .when().get("/costs").then().statusCode(200).extract().jsonPath();
        assertEquals(2, report.getInt("rows.find { it.key == '" + utility + "' }.messages"));
        assertEquals(1, report.getInt("rows.find { it.key == '" + utility + "' }.billable"));
        assertEquals(0.025, report.getDouble("rows.find { it.key == '" + utility + "' }.costs.USD"), 1e-6);
        assertEquals(2, report.getInt("rows.find { it.key == '" + marketing + "' }.messages"));
        assertEquals(1, report.getInt("rows.find { it.key == '" + marketing + "' }.billable"));
        assertEquals(0.0411, report.getDouble("rows.find { it.key == '" + marketing + "' }.costs.USD"), 1e-6);
        given().queryParam("by", "week").when().get("/costs").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("template, rule, campaign"));
    }

    @Test
    void aFollowUpAfterTheCloseIsBilledUnlessTheEntryPointWindowIsStillOpen() {
        // the default rule's template as the Content API would describe it
        register(FakeTwilioResource.CONTENT_SID, "UTILITY");
        String billed = TestEvents.newContactId();
        String free = TestEvents.newContactId();
        WindowExpired closed = TestEvents.windowExpired(billed, "Budi");
        WindowExpired closedInsideEntryPoint = withEntryPoint(TestEvents.windowExpired(free, "Sari"),
                Instant.now().plus(Duration.ofHours(40)));

        TestEvents.publish(Topics.WINDOW_EXPIRED, closed);
        TestEvents.publish(Topics.WINDOW_EXPIRED, closedInsideEntryPoint);

        await().atMost(Duration.ofSeconds(30)).until(() -> FakeTwilio.requestsTo("whatsapp:" + billed).size() == 1
                && FakeTwilio.requestsTo("whatsapp:" + free).size() == 1
                && dispatchFor(closed).map(d -> d.twilioMessageSid != null).orElse(false)
                && dispatchFor(closedInsideEntryPoint).map(d -> d.twilioMessageSid != null).orElse(false));
        CONTACT_OF.put(dispatchFor(closed).orElseThrow().twilioMessageSid, billed);
        CONTACT_OF.put(dispatchFor(closedInsideEntryPoint).orElseThrow().twilioMessageSid, free);
        assertPriced(dispatchFor(closed).orElseThrow().twilioMessageSid, "utility", true, "0.025");
        assertPriced(dispatchFor(closedInsideEntryPoint).orElseThrow().twilioMessageSid, "referral_conversion", false, "0");
    }

    private static WindowExpired withEntryPoint(WindowExpired e, Instant entryPointExpiresAt) {
        return new WindowExpired(e.eventId(), e.version(), e.contactId(), e.contactAddress(), e.businessAddress(),
                e.profileName(), e.lastMessageAt(), e.expiredAt(), e.openingMessageSid(), e.optedOut(), true,
                entryPointExpiresAt);
    }

    @Test
    void aStatusCallbackCarryingMetasCategoryOverridesTheEstimate() {
        String contactId = contactInWindow("CLOSED", false);
        String sid = send(contactId, Map.of("contentSid", marketing));
        assertPriced(sid, "marketing", true, "0.0411");

        TestEvents.publish(Topics.MESSAGE_STATUS, new MessageStatusChanged(EventIds.messageStatus(sid, "delivered"),
                MessageStatusChanged.CURRENT_VERSION, Instant.now(), contactId, sid, FakeTwilioResource.ACCOUNT_SID, null,
                "delivered", null, null, "whatsapp:+14155238886", "whatsapp:" + contactId, "whatsapp", null, null,
                Map.of("PricingCategory", "utility", "PricingBillable", "false")));

        await().atMost(Duration.ofSeconds(20)).until(() -> "CALLBACK".equals(dispatch(contactId).getString("pricingSource")));
        JsonPath d = dispatch(contactId);
        assertEquals("utility", d.getString("pricingCategory"));
        assertEquals(false, d.getBoolean("billable"));
        assertEquals(0, BigDecimal.ZERO.compareTo(new BigDecimal(d.getString("estimatedCost"))));
    }

    @Test
    void aCampaignShowsItsEstimatedCostBeforeItStarts() {
        Instant after = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(ThreadLocalRandom.current().nextInt(1_000_000));
        Instant freeUntil = Instant.now().plus(Duration.ofHours(30));
        String items = String.join(",", segmentContact("+6281100000001", "CLOSED", null),
                segmentContact("+6281100000002", "OPEN", null), segmentContact("+6281100000003", "CLOSED", freeUntil));
        FakeTwilio.client().register(get(urlPathEqualTo("/tracker/contacts"))
                .withQueryParam("lastMessageAfter", equalTo(after.toString()))
                .willReturn(json("{\"items\":[" + items + "],\"nextCursor\":null}")));
        FakeTwilio.client().register(get(urlPathEqualTo("/tracker/contacts/count"))
                .withQueryParam("lastMessageAfter", equalTo(after.toString()))
                .willReturn(json("{\"count\":3,\"countedAt\":\"" + Instant.now() + "\"}")));

        given().contentType(ContentType.JSON)
                .body(Map.of("templateId", marketingId, "segment", Map.of("lastMessageAfter", after.toString())))
                .when().post("/campaigns/estimate").then().log().ifValidationFails().statusCode(200)
                .body("category", is("marketing"))
                .body("reach", is(3))
                .body("billable", is(2))
                .body("free", is(1))
                .body("exact", is(true))
                .body("estimatedCost.USD", is(0.0822f));
        // nothing was started by the estimate
        given().when().get("/campaigns").then().statusCode(200)
                .body("findAll { it.templateId == " + marketingId + " }.size()", is(0));
    }

    @Test
    void theOperatorReplacesTheTableAndBadRowsAreRefused() {
        given().when().get("/pricing/rates").then().statusCode(200)
                .body("find { it.category == 'marketing' && it.effectiveFrom == '" + TODAY.plusDays(1) + "' }.rate",
                        is(0.0999f));
        given().contentType(ContentType.JSON).body(List.of(rate(TODAY, "promo", "62", "1", true)))
                .when().put("/pricing/rates").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(List.of(rate(TODAY, "utility", "62", "1", true),
                        rate(TODAY, "utility", "62", "2", true)))
                .when().put("/pricing/rates").then().statusCode(400).body("detail", containsString("two rows"));
        given().contentType(ContentType.JSON).body(List.of())
                .when().put("/pricing/rates").then().statusCode(400);
        io.restassured.RestAssured.requestSpecification = null;
        given().spec(withKey(com.wawindow.infra.TestApiKeys.VIEWER)).contentType(ContentType.JSON)
                .body(List.of(rate(TODAY, "utility", "62", "1", true)))
                .when().put("/pricing/rates").then().statusCode(403);
    }

    private static String send(String contactId, Map<String, String> what) {
        Map<String, Object> order = new java.util.HashMap<>(what);
        order.put("contactId", contactId);
        given().contentType(ContentType.JSON).body(order).when().post("/messages").then().log().ifValidationFails()
                .statusCode(202);
        String sid = dispatch(contactId).getString("messageSid");
        CONTACT_OF.put(sid, contactId);
        return sid;
    }

    private static JsonPath dispatch(String contactId) {
        return new JsonPath(given().queryParam("contactId", contactId).when().get("/dispatches").then().statusCode(200)
                .extract().body().asString()).setRootPath("[0]");
    }

    private static void assertPriced(String messageSid, String category, boolean billable, String cost) {
        JsonPath d = dispatch(contactOf(messageSid));
        assertEquals(category, d.getString("pricingCategory"), messageSid);
        assertEquals(billable, d.getBoolean("billable"), messageSid);
        assertEquals(0, new BigDecimal(cost).compareTo(new BigDecimal(d.getString("estimatedCost"))), messageSid);
        assertEquals("ESTIMATE", d.getString("pricingSource"));
    }

    private static final Map<String, String> CONTACT_OF = new java.util.concurrent.ConcurrentHashMap<>();

    private static String contactOf(String messageSid) {
        return CONTACT_OF.get(messageSid);
    }

    /** A new Indonesian contact whose window the fake tracker answers as {@code state}. */
    private static String contactInWindow(String state, boolean entryPointOpen) {
        String contactId = TestEvents.newContactId();
        Instant last = Instant.now().minus(Duration.ofHours(state.equals("OPEN") ? 1 : 30));
        String body = """
                {"contactId":"%s","state":"%s","lastMessageAt":"%s","expiresAt":"%s","secondsRemaining":0,
                 "expiringSoon":false,"optedOut":false,"profileName":"Budi","contactAddress":"whatsapp:%s",
                 "entryPoint":{"open":%s,"expiresAt":%s}}""".formatted(contactId, state, last,
                last.plus(Duration.ofHours(24)), contactId, entryPointOpen,
                entryPointOpen ? "\"" + Instant.now().plus(Duration.ofHours(40)) + "\"" : "null");
        FakeTwilio.client().register(get(urlMatching("/tracker/contacts/(%2B|\\+)" + contactId.substring(1) + "/window"))
                .willReturn(json(body)));
        return contactId;
    }

    private static String segmentContact(String contactId, String state, Instant entryPointExpiresAt) {
        return """
                {"contactId":"%s","contactAddress":"whatsapp:%s","profileName":"Budi","state":"%s",
                 "lastMessageAt":"2026-01-01T00:00:00Z","expiresAt":"2026-01-02T00:00:00Z","optedOut":false,
                 "entryPointExpiresAt":%s}""".formatted(contactId, contactId, state,
                entryPointExpiresAt == null ? "null" : "\"" + entryPointExpiresAt + "\"");
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static long register(String contentSid, String category) {
        return given().contentType(ContentType.JSON).body(Map.of("contentSid", contentSid, "friendlyName", "pricing " + category,
                        "category", category, "approvalStatus", "approved"))
                .when().post("/templates").then().log().ifValidationFails().statusCode(201).extract().jsonPath()
                .getLong("id");
    }

    private static Map<String, Object> rate(LocalDate from, String category, String region, String rate, boolean inWindow) {
        return Map.of("effectiveFrom", from.toString(), "category", category, "region", region, "rate", new BigDecimal(rate),
                "currency", "USD", "billableInServiceWindow", inWindow, "source", "test table");
    }

    private static String newSid() {
        return "HX" + UUID.randomUUID().toString().replace("-", "");
    }
}
