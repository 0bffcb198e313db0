package com.wawindow.console;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The pages that read the services' newer endpoints (faked): a contact's inbound history and the delivery of each
 * send, the campaign list with cancel and the tracker's count before confirming, the templates' last sync, and the
 * overview's per-day chart, lateness and lag.
 */
@QuarkusTest
class ConsoleApisPagesTest {

    private Session admin;

    @BeforeEach
    void signIn() {
        FakeServicesResource.stubs();
        admin = Session.signIn("admin", SignInTest.ADMIN_PASSWORD);
    }

    @Test
    void aContactShowsItsInboundHistoryAndTheDeliveryOfEachSend() {
        admin.get("/contacts/" + FakeServicesResource.CLOSED).then().statusCode(200)
                .body(containsString("id=\"inbound\""))
                .body(containsString("Is my order here?"))
                .body(containsString("image · 1 media"))
                .body(containsString("id=\"dispatches\""))
                .body(containsString("class=\"outcome delivered\">DELIVERED"))
                .body(containsString("63016"))
                .body(containsString("free-form text"));
        FakeServicesResource.server.verify(getRequestedFor(urlPathEqualTo("/dispatches"))
                .withQueryParam("contactId", equalTo(FakeServicesResource.CLOSED)));
        FakeServicesResource.server.verify(getRequestedFor(urlPathMatching(
                FakeServicesResource.path(FakeServicesResource.CLOSED, "/messages"))));
    }

    @Test
    void aPartOfANumberListsTheContactsWhoseNumberHoldsIt() {
        admin.request().queryParam("q", "4567").get("/contacts").then().statusCode(200)
                .body(containsString("Numbers holding 4567"));
        FakeServicesResource.server.verify(getRequestedFor(urlPathEqualTo("/contacts"))
                .withQueryParam("search", equalTo("4567")));
    }

    @Test
    void theReachIsTheTrackersCountOfTheSegmentWithoutOptOuts() {
        String token = admin.csrfFrom("/campaigns");
        admin.postForm("/campaigns/preview", Map.of("csrf", token, "templateId", "1", "state", "closed"))
                .then().statusCode(200).body(containsString("<b>1234</b>"));
        FakeServicesResource.server.verify(getRequestedFor(urlPathEqualTo("/contacts/count"))
                .withQueryParam("state", equalTo("closed")).withQueryParam("optedOut", equalTo("false")));
        assertEquals(0, FakeServicesResource.server.findAll(getRequestedFor(urlPathEqualTo("/contacts"))).size(),
                "no paging through the segment to count it");
    }

    @Test
    void aRulesUtilityOnlySwitchIsShownAndSavedAsTheSendersRequireUtility() {
        admin.get("/rules/1").then().statusCode(200)
                .body(containsString("<input type=\"checkbox\" name=\"requireUtility\" checked>"));
        String token = admin.csrfFrom("/rules/1");
        Map<String, String> form = new java.util.HashMap<>(Map.of("csrf", token, "name", "default",
                "contentSid", FakeServicesResource.CONTENT_SID, "contentVariables", "{}", "delaySeconds", "0",
                "maxPerWindow", "1", "stopOnReply", "on", "enabled", "on"));
        admin.postForm("/rules/1", form).then().statusCode(303);
        FakeServicesResource.server.verify(1, putRequestedFor(urlPathEqualTo("/rules/1"))
                .withRequestBody(matchingJsonPath("$.requireUtility", equalTo("false"))));
        form.put("requireUtility", "on");
        admin.postForm("/rules/1", form).then().statusCode(303);
        FakeServicesResource.server.verify(1, putRequestedFor(urlPathEqualTo("/rules/1"))
                .withRequestBody(matchingJsonPath("$.requireUtility", equalTo("true"))));
        admin.get("/rules/new").then().statusCode(200)
                .body(containsString("<input type=\"checkbox\" name=\"requireUtility\" >"));
    }

    @Test
    void campaignsAreListedFromTheSenderAndARunningOneCanBeCancelled() {
        admin.get("/campaigns").then().statusCode(200)
                .body(containsString("data-campaign-id=\"21\""))
                .body(containsString("data-campaign-id=\"20\""))
                .body(containsString("action=\"/campaigns/21/cancel\""))
                .body(not(containsString("action=\"/campaigns/20/cancel\"")));
        String token = admin.csrfFrom("/campaigns/21");
        admin.postForm("/campaigns/21/cancel", Map.of("csrf", token)).then().statusCode(303);
        FakeServicesResource.server.verify(1, postRequestedFor(urlPathEqualTo("/campaigns/21/cancel")));
        admin.postForm("/campaigns/21/cancel", Map.of("csrf", "forged")).then().statusCode(403);
        FakeServicesResource.server.verify(1, postRequestedFor(urlPathEqualTo("/campaigns/21/cancel")));
    }

    @Test
    void templatesShowTheirLastSyncAndTheOverviewItsPipelineFigures() {
        admin.get("/templates").then().statusCode(200).body(containsString("class=\"last-sync\""))
                .body(containsString("never (registered by hand)"));
        admin.get("/").then().statusCode(200)
                .body(containsString("data-days=\"2026-11-30,2026-12-01\""))
                .body(containsString("data-sent=\"5,6\""))
                .body(containsString("<b>1.75 s</b>"))
                .body(containsString("median 0.42 s"))
                .body(containsString("<b>17</b> tracker consumer lag"));
    }
}
