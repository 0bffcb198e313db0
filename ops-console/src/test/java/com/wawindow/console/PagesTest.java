package com.wawindow.console;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pages with the faked services: indicators, search in any form, clear messages instead of a 500, the costs,
 * the in-window nudges, a campaign's estimate before its confirmation, and nudge rules.
 */
@QuarkusTest
class PagesTest {

    private Session admin;

    @BeforeEach
    void signIn() {
        FakeServicesResource.stubs();
        admin = Session.signIn("admin", SignInTest.ADMIN_PASSWORD);
    }

    @Test
    void theListShowsIndicatorCountdownOptOutAndTheNextPage() {
        admin.get("/contacts?state=open&sort=lastMessageAt,asc").then().statusCode(200)
                .body(containsString("class=\"dot open\""))
                .body(containsString("class=\"dot closed\""))
                .body(containsString("class=\"countdown\" data-expires-at="))
                .body(containsString("opted out"))
                .body(containsString("id=\"next-page\""));
        FakeServicesResource.server.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/contacts"))
                .withQueryParam("state", com.github.tomakehurst.wiremock.client.WireMock.equalTo("open"))
                .withQueryParam("sort", com.github.tomakehurst.wiremock.client.WireMock.equalTo("lastMessageAt,asc")));
    }

    @Test
    void aNumberTypedInAnyFormFindsTheContact() {
        for (String typed : new String[] {"6281234567890", "+62 812-3456-7890", "whatsapp:+6281234567890"}) {
            admin.request().queryParam("q", typed).get("/contacts").then().statusCode(303)
                    .header("Location", containsString("/contacts/+6281234567890"));
        }
        admin.request().queryParam("q", "+62 899 0000 0000").get("/contacts").then().statusCode(200)
                .body(containsString("No contact +6289900000000"));
        admin.request().queryParam("q", "hello").get("/contacts").then().statusCode(200)
                .body(containsString("is not a phone number"));
    }

    @Test
    void badFilterInputIsASentenceNotA500() {
        admin.get("/contacts?lastMessageAfter=yesterday").then().statusCode(200)
                .body(containsString("last message after must be a date and time"));
    }

    @Test
    void aServiceThatRefusesTheKeyIsExplainedOnThePage() {
        admin.get("/contacts/" + FakeServicesResource.REFUSED).then().statusCode(502)
                .body(containsString("CONSOLE_API_KEY"));
        admin.get("/contacts/+6289900000000").then().statusCode(404).body(containsString("Not found"));
    }

    @Test
    void overviewShowsCountsFollowupsAndHealth() {
        admin.get("/").then().statusCode(200)
                .body(containsString("expiring soon"))
                .body(containsString("id=\"per-day-chart\""))
                .body(containsString("window-tracker"))
                .body(not(containsString("no answer")));
        admin.get("/templates").then().statusCode(200).body(containsString("we_miss_you"))
                .body(containsString("too salesy")).body(containsString("data-funnel=\"4,3,2,1\""));
    }

    @Test
    void theChartLibraryIsServedFromTheWebjar() {
        io.restassured.RestAssured.given().get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").then().statusCode(200);
    }

    @Test
    void theCostsPageShowsTheSendersRowsAndTotalByDayByDefault() {
        admin.get("/costs").then().statusCode(200)
                .body(containsString("<option value=\"day\" selected>"))
                .body(containsString("<tr data-key=\"2026-12-08\"><td>2026-12-08</td><td>10</td>"))
                .body(containsString("<td class=\"cost\">USD 0.1644</td>"))
                .body(containsString("<td class=\"cost\">USD 0.0822</td>"))
                .body(containsString("<th>Total</th><th>16</th><th>6</th>"))
                .body(containsString("<th class=\"cost\">USD 0.2466</th><th>1</th>"))
                .body(not(containsString("id=\"cost-error\"")));
        FakeServicesResource.server.verify(1, getRequestedFor(urlPathEqualTo("/costs"))
                .withQueryParam("by", equalTo("day")).withQueryParam("from", absent()));
    }

    @Test
    void costsByTemplateNameTheTemplateAndShowEveryCurrency() {
        admin.get("/costs?by=template&from=2026-12-01T00:00&to=2026-12-08T00:00").then().statusCode(200)
                .body(containsString("<option value=\"template\" selected>"))
                .body(containsString("we_miss_you <small>" + FakeServicesResource.CONTENT_SID + "</small>"))
                .body(containsString("<td class=\"cost\">EUR 0.05, USD 0.1233</td>"))
                .body(containsString("<td class=\"cost\">—</td>"))
                .body(containsString("<th>Total</th><th>13</th><th>3</th>"));
        FakeServicesResource.server.verify(1, getRequestedFor(urlPathEqualTo("/costs"))
                .withQueryParam("by", equalTo("template"))
                .withQueryParam("from", equalTo("2026-12-01T00:00:00Z"))
                .withQueryParam("to", equalTo("2026-12-08T00:00:00Z")));
    }

    @Test
    void aBadGroupingOrRangeIsASentenceAndNeverReachesTheSender() {
        admin.get("/costs?by=country").then().statusCode(200)
                .body(containsString("id=\"cost-error\""))
                .body(containsString("group the costs by day, template, rule, campaign, category, not &#39;country&#39;"))
                .body(not(containsString("id=\"costs\"")));
        admin.get("/costs?from=2026-12-08T00:00&to=2026-12-01T00:00").then().statusCode(200)
                .body(containsString("from must be before to"));
        admin.get("/costs?from=yesterday").then().statusCode(200)
                .body(containsString("from must be a date and time"));
        assertEquals(0, FakeServicesResource.server.findAll(getRequestedFor(urlPathEqualTo("/costs"))).size(),
                "nothing the console refused went to the sender");
    }

    @Test
    void theOverviewShowsTheInWindowNudgesAgainstTheirHoldout() {
        String page = admin.get("/").then().statusCode(200).extract().body().asString();
        String nudge = row(page, "12");
        assertContains(nudge, "<td>nudge-1</td><td>40</td><td>12 <small>30.0 %</small></td>");
        assertContains(nudge, "<td>10</td><td>2 <small>20.0 %</small></td>");
        assertContains(nudge, "<td class=\"lift\">+10.0 pp</td><td>3</td>");
        // an empty arm has no share and no lift
        assertContains(row(page, "14"), "<td class=\"lift\">—</td>");
        FakeServicesResource.server.verify(1, getRequestedFor(urlPathEqualTo("/followups/stats/nudges"))
                .withQueryParam("from", matchingIso()).withQueryParam("to", matchingIso()));
    }

    @Test
    void theCampaignFormShowsTheEstimateAndStartsNothingUntilConfirmed() {
        String token = admin.csrfFrom("/campaigns");
        String confirm = admin.postForm("/campaigns/preview", Map.of("csrf", token, "templateId", "1",
                "state", "closed", "lastMessageAfter", "2026-12-01T09:30")).then().statusCode(200)
                .body(containsString("<dd id=\"estimate-billable\"><b>2</b> of 3</dd>"))
                .body(containsString("<dd id=\"estimate-free\">1</dd>"))
                .body(containsString("<dd id=\"estimate-cost\"><b>USD 0.0822</b></dd>"))
                .body(containsString("Priced contact by contact"))
                .body(not(containsString("sample of")))
                .body(containsString("id=\"confirm-campaign\""))
                .extract().body().asString();
        FakeServicesResource.server.verify(1, postRequestedFor(urlPathEqualTo("/campaigns/estimate"))
                .withHeader("Authorization", equalTo("Bearer test-admin-key"))
                .withRequestBody(matchingJsonPath("$.templateId", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.segment.state", equalTo("closed")))
                .withRequestBody(matchingJsonPath("$.segment.lastMessageAfter", equalTo("2026-12-01T09:30:00Z"))));
        assertEquals(0, FakeServicesResource.server.findAll(postRequestedFor(urlPathEqualTo("/campaigns"))).size(),
                "the form alone starts no campaign");

        // the Confirm button posts the confirmation's hidden fields back
        admin.postForm("/campaigns", hiddenFields(confirm)).then().statusCode(303)
                .header("Location", endsWith("/campaigns/" + FakeServicesResource.STARTED_CAMPAIGN));
        FakeServicesResource.server.verify(1, postRequestedFor(urlPathEqualTo("/campaigns"))
                .withRequestBody(matchingJsonPath("$.templateId", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.segment.state", equalTo("closed")))
                .withRequestBody(matchingJsonPath("$.segment.lastMessageAfter", equalTo("2026-12-01T09:30:00Z"))));
        assertEquals(1, FakeServicesResource.server.findAll(postRequestedFor(urlPathEqualTo("/campaigns/estimate")))
                .size(), "the confirmation does not estimate again");
        admin.get("/campaigns").then().statusCode(200);
    }

    @Test
    void aLargeSegmentsEstimateSaysItIsScaledFromASample() {
        String token = admin.csrfFrom("/campaigns");
        admin.postForm("/campaigns/preview", Map.of("csrf", token, "templateId", "1", "state", "")).then().statusCode(200)
                .body(containsString("Estimated from a sample of 2000 contacts, scaled to 5000"))
                .body(containsString("<b>USD 164.4</b>"));
        assertEquals(0, FakeServicesResource.server.findAll(postRequestedFor(urlPathEqualTo("/campaigns"))).size());
    }

    @Test
    void theRulesListShowsTheKindAndANudgeRuleIsSavedWithoutATemplate() {
        String rules = admin.get("/rules").then().statusCode(200).extract().body().asString();
        assertContains(row(rules, "1"), "<td class=\"kind\">FOLLOWUP <small>prefers free</small></td>");
        assertContains(row(rules, "12"), "NUDGE <small>holdout 20 %, quiet 3600 s after a send</small>");
        assertContains(row(rules, "12"), "Still there? Reply to keep chatting.");
        admin.get("/rules/12").then().statusCode(200)
                .body(containsString("<option value=\"NUDGE\" selected>"))
                .body(containsString(">Still there? Reply to keep chatting.</textarea>"));

        String token = admin.csrfFrom("/rules/new");
        Map<String, String> nudge = new HashMap<>(Map.of("csrf", token, "name", "nudge-2", "kind", "NUDGE",
                "contentSid", FakeServicesResource.CONTENT_SID, "body", "Hi", "holdoutPercent", "10",
                "quietAfterSendSeconds", "600", "enabled", "on", "preferFree", "on"));
        admin.postForm("/rules", nudge).then().statusCode(303);
        FakeServicesResource.server.verify(1, postRequestedFor(urlPathEqualTo("/rules"))
                .withRequestBody(matchingJsonPath("$.kind", equalTo("NUDGE")))
                .withRequestBody(matchingJsonPath("$.body", equalTo("Hi")))
                .withRequestBody(matchingJsonPath("$.holdoutPercent", equalTo("10")))
                .withRequestBody(matchingJsonPath("$.quietAfterSendSeconds", equalTo("600"))));
        JsonPath created = ruleSent("nudge-2");
        assertNull(created.get("contentSid"), "a NUDGE rule has no template, whatever the form held");
        assertNull(created.get("preferFree"), "prefer-free is a FOLLOWUP rule's");

        nudge.put("holdoutPercent", "120");
        admin.postForm("/rules", nudge).then().statusCode(200).body(containsString("between 0 and 100"));
        nudge.put("holdoutPercent", "10");
        nudge.put("body", " ");
        admin.postForm("/rules", nudge).then().statusCode(200).body(containsString("a NUDGE rule sends a text"));
        Map<String, String> followup = new HashMap<>(Map.of("csrf", token, "name", "late", "kind", "FOLLOWUP",
                "contentSid", "", "delaySeconds", "0", "maxPerWindow", "1", "enabled", "on"));
        admin.postForm("/rules", followup).then().statusCode(200).body(containsString("give its Content SID"));
        assertEquals(1, FakeServicesResource.server.findAll(postRequestedFor(urlPathEqualTo("/rules"))).size(),
                "a refused form reaches no sender");

        followup.put("contentSid", FakeServicesResource.CONTENT_SID);
        followup.put("preferFree", "on");
        admin.postForm("/rules", followup).then().statusCode(303);
        FakeServicesResource.server.verify(1, postRequestedFor(urlPathEqualTo("/rules"))
                .withRequestBody(matchingJsonPath("$.kind", equalTo("FOLLOWUP")))
                .withRequestBody(matchingJsonPath("$.contentSid", equalTo(FakeServicesResource.CONTENT_SID)))
                .withRequestBody(matchingJsonPath("$.preferFree", equalTo("true"))));
        assertNull(ruleSent("late").get("body"), "a FOLLOWUP rule sends no text");
    }

    /** The JSON the fake sender received to create the rule of this name. */
    private static JsonPath ruleSent(String name) {
        return FakeServicesResource.server.findAll(postRequestedFor(urlPathEqualTo("/rules"))).stream()
                .map(r -> JsonPath.from(r.getBodyAsString())).filter(j -> name.equals(j.getString("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no POST /rules for " + name));
    }

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");

    /** The hidden fields of the confirmation's form, as the browser posts them (the page is simple HTML). */
    private static Map<String, String> hiddenFields(String page) {
        String form = page.substring(page.indexOf("id=\"confirm-form\""));
        Map<String, String> fields = new HashMap<>();
        Matcher m = HIDDEN.matcher(form);
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&"));
        }
        return fields;
    }

    /** The table row of one rule (nudges and rules carry {@code data-rule-id}). */
    private static String row(String page, String ruleId) {
        int start = page.indexOf("data-rule-id=\"" + ruleId + "\"");
        if (start < 0) {
            throw new AssertionError("no row for rule " + ruleId + " in:\n" + page);
        }
        return page.substring(start, page.indexOf("</tr>", start));
    }

    private static void assertContains(String text, String expected) {
        if (!text.contains(expected)) {
            throw new AssertionError("expected <" + expected + "> in:\n" + text);
        }
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern matchingIso() {
        return com.github.tomakehurst.wiremock.client.WireMock.matching("\\d{4}-\\d{2}-\\d{2}T00:00:00Z");
    }
}
