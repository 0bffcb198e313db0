package com.wawindow.sender.rest;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.FakeTwilioResource;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import com.wawindow.sender.entity.OutboundMessage;
import com.wawindow.sender.entity.Campaign;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.DispatchStatus;
import com.wawindow.sender.repository.CampaignRepository;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.TemplateRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Campaigns page through the tracker's segment (faked), skip opt-outs, and resume without double sends. */
@QuarkusTest
class CampaignsTest extends SenderTestBase {

    private static final Duration WAIT = Duration.ofSeconds(40);

    @Inject
    TemplateRepository templates;
    @Inject
    CampaignRepository campaigns;
    @Inject
    DispatchRepository dispatches;
    @Inject
    ContactConsentRepository consents;

    @BeforeEach
    void twilioAcceptsByDefault() {
        FakeTwilio.acceptAll();
    }

    @Test
    void aCampaignSendsTheTemplateToEverySegmentContactOnceAndSkipsOptOuts() {
        Instant after = Instant.now().minusSeconds((long) (Math.random() * 1_000_000));
        List<String> firstPage = List.of(TestEvents.newContactId(), TestEvents.newContactId(), TestEvents.newContactId());
        List<String> secondPage = List.of(TestEvents.newContactId(), TestEvents.newContactId());
        stubSegmentPage(after, null, firstPage, "page-2");
        stubSegmentPage(after, "page-2", secondPage, null);
        QuarkusTransaction.requiringNew().run(() -> consents.record(secondPage.get(1), true, "test STOP", Instant.now()));

        int id = given().contentType(ContentType.JSON)
                .body(Map.of("templateId", defaultTemplateId(), "segment", Map.of("state", "closed", "lastMessageAfter", after.toString())))
                .when().post("/campaigns").then().statusCode(201).body("state", is("RUNNING")).extract().path("id");

        await().atMost(WAIT).untilAsserted(() -> given().when().get("/campaigns/" + id).then()
                .body("state", is("COMPLETED")).body("total", is(5)).body("sent", is(4)).body("skipped", is(1))
                .body("failed", is(0)).body("progress", is(1.0f)));
        for (String contactId : List.of(firstPage.get(0), firstPage.get(1), firstPage.get(2), secondPage.get(0))) {
            assertThat(FakeTwilio.requestsTo("whatsapp:" + contactId), hasSize(1));
        }
        assertThat(FakeTwilio.requestsTo("whatsapp:" + secondPage.get(1)), empty());
    }

    @Test
    void aCampaignCutOffMidPageResumesWithoutSendingTwice() {
        Instant after = Instant.now().minusSeconds((long) (Math.random() * 1_000_000));
        List<String> firstPage = List.of(TestEvents.newContactId(), TestEvents.newContactId());
        List<String> secondPage = List.of(TestEvents.newContactId(), TestEvents.newContactId(), TestEvents.newContactId());
        stubSegmentPage(after, null, firstPage, "page-2");
        stubSegmentPage(after, "page-2", secondPage, null);
        // as a killed instance leaves it: page 1 done and saved, page 2 half sent, its lease expired
        long id = QuarkusTransaction.requiringNew().call(() -> {
            Campaign campaign = new Campaign();
            campaign.templateId = defaultTemplateId();
            campaign.contentSid = FakeTwilioResource.CONTENT_SID;
            campaign.contentVariables = "{\"1\":\"{profileName}\"}";
            campaign.segment = "{\"state\":null,\"lastMessageAfter\":\"" + after + "\",\"lastMessageBefore\":null}";
            campaign.state = Campaign.State.RUNNING;
            campaign.nextCursor = "page-2";
            campaign.total = firstPage.size();
            campaign.leaseUntil = Instant.now().minusSeconds(1);
            campaign.createdAt = Instant.now();
            campaign.updatedAt = campaign.createdAt;
            campaigns.persist(campaign);
            return campaign.id;
        });
        String alreadySent = secondPage.get(0);
        QuarkusTransaction.requiringNew().run(() -> {
            long dispatch = dispatches.claim(new DispatchRepository.Claim("campaign:" + id + ":" + alreadySent,
                    Dispatch.Kind.CAMPAIGN, null, null, id, alreadySent, new OutboundMessage("whatsapp:" + alreadySent,
                            FakeTwilioResource.FROM, null, FakeTwilioResource.CONTENT_SID, "{}", null, null)), java.util.UUID.randomUUID(),
                    Instant.now()).orElseThrow();
            dispatches.markAccepted(dispatch, "SMbeforethecrash" + alreadySent.substring(1), DispatchStatus.QUEUED,
                    Instant.now());
        });

        await().atMost(WAIT).untilAsserted(() -> given().when().get("/campaigns/" + id).then()
                .body("state", is("COMPLETED")).body("total", is(5)));

        assertThat(FakeTwilio.requestsTo("whatsapp:" + alreadySent), empty());
        assertThat(FakeTwilio.requestsTo("whatsapp:" + secondPage.get(1)), hasSize(1));
        assertThat(FakeTwilio.requestsTo("whatsapp:" + secondPage.get(2)), hasSize(1));
        for (String contactId : firstPage) {
            assertThat(FakeTwilio.requestsTo("whatsapp:" + contactId), empty());
        }
    }

    @Test
    void aSlowPageKeepsItsLeaseAndAnotherInstanceCannotTakeIt() {
        Instant after = Instant.now().minusSeconds((long) (Math.random() * 1_000_000));
        List<String> page = List.of(TestEvents.newContactId(), TestEvents.newContactId());
        // the tracker takes longer than the whole lease (PT3S in tests) to answer the page
        stubSegmentPage(after, null, page, null, 4_000);
        int id = startCampaign(after);
        await().atMost(WAIT).until(() -> lease(id) != null);
        for (int i = 0; i < 5; i++) {
            assertThat("a second instance finds the slow campaign held",
                    QuarkusTransaction.requiringNew().call(() -> campaigns.claimRunning(UUID.randomUUID(), Duration.ofSeconds(3))),
                    is(Optional.empty()));
            sleepQuietly(1_000);
        }
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/campaigns/" + id).then()
                .body("state", is("COMPLETED")).body("total", is(2)).body("sent", is(2)));
        for (String contactId : page) {
            assertThat(FakeTwilio.requestsTo("whatsapp:" + contactId), hasSize(1));
        }
    }

    @Test
    void aCancelledCampaignSendsNoFurtherPage() {
        Instant after = Instant.now().minusSeconds((long) (Math.random() * 1_000_000));
        List<String> firstPage = List.of(TestEvents.newContactId());
        List<String> secondPage = List.of(TestEvents.newContactId());
        stubSegmentPage(after, null, firstPage, "page-2", 0);
        stubSegmentPage(after, "page-2", secondPage, null, 4_000);
        int id = startCampaign(after);
        await().atMost(WAIT).until(() -> FakeTwilio.requestsTo("whatsapp:" + firstPage.get(0)).size() == 1);

        given().when().post("/campaigns/" + id + "/cancel").then().statusCode(200).body("state", is("CANCELLED"));
        given().when().post("/campaigns/" + id + "/cancel").then().statusCode(200).body("state", is("CANCELLED"));
        sleepQuietly(6_000);
        assertThat(FakeTwilio.requestsTo("whatsapp:" + secondPage.get(0)), empty());
        given().when().get("/campaigns/" + id).then().body("state", is("CANCELLED")).body("total", is(1));
        given().when().post("/campaigns/987654/cancel").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aCampaignWhoseTemplateLosesItsApprovalStops() {
        Instant after = Instant.now().minusSeconds((long) (Math.random() * 1_000_000));
        List<String> firstPage = List.of(TestEvents.newContactId());
        List<String> secondPage = List.of(TestEvents.newContactId());
        String contentSid = "HX" + UUID.randomUUID().toString().replace("-", "");
        long templateId = given().contentType(ContentType.JSON).body(Map.of("contentSid", contentSid,
                        "friendlyName", "stops", "category", "UTILITY", "approvalStatus", "approved"))
                .post("/templates").then().statusCode(201).extract().jsonPath().getLong("id");
        stubSegmentPage(after, null, firstPage, "page-2", 0);
        stubSegmentPage(after, "page-2", secondPage, null, 4_000);
        int id = given().contentType(ContentType.JSON)
                .body(Map.of("templateId", templateId, "segment", Map.of("lastMessageAfter", after.toString())))
                .when().post("/campaigns").then().statusCode(201).extract().path("id");
        await().atMost(WAIT).until(() -> FakeTwilio.requestsTo("whatsapp:" + firstPage.get(0)).size() == 1);
        // Twilio paused the template (a sync would record it so)
        given().contentType(ContentType.JSON).body(Map.of("contentSid", contentSid, "friendlyName", "stops",
                "category", "UTILITY", "approvalStatus", "paused")).post("/templates").then().statusCode(201);

        await().atMost(WAIT).untilAsserted(() -> given().when().get("/campaigns/" + id).then()
                .body("state", is("STOPPED")).body("stopReason", containsString("paused")));
        assertThat(FakeTwilio.requestsTo("whatsapp:" + secondPage.get(0)), empty());
    }

    @Test
    void onlyApprovedTemplatesMakeCampaigns() {
        given().contentType(ContentType.JSON).body(Map.of("templateId", 987654))
                .when().post("/campaigns").then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("templateId", defaultTemplateId(), "segment", Map.of("state", "asleep")))
                .when().post("/campaigns").then().statusCode(400).contentType("application/problem+json");
    }

    private int startCampaign(Instant after) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("templateId", defaultTemplateId(), "segment", Map.of("lastMessageAfter", after.toString())))
                .when().post("/campaigns").then().statusCode(201).extract().path("id");
    }

    private Instant lease(long id) {
        return QuarkusTransaction.requiringNew().call(() -> campaigns.findById(id).leaseUntil);
    }

    private static void sleepQuietly(long millis) {
        // a real-time wait on purpose: the lease must hold across it
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long defaultTemplateId() {
        return QuarkusTransaction.requiringNew().call(() -> templates.findBySid(FakeTwilioResource.CONTENT_SID).orElseThrow().id);
    }

    private static void stubSegmentPage(Instant after, String cursor, List<String> contactIds, String nextCursor) {
        stubSegmentPage(after, cursor, contactIds, nextCursor, 0);
    }

    private static void stubSegmentPage(Instant after, String cursor, List<String> contactIds, String nextCursor,
            int delayMillis) {
        String items = contactIds.stream().map(id -> """
                {"contactId":"%s","contactAddress":"whatsapp:%s","profileName":"Budi","state":"CLOSED",
                 "lastMessageAt":"2026-01-01T00:00:00Z","expiresAt":"2026-01-02T00:00:00Z","optedOut":false}"""
                .formatted(id, id)).collect(Collectors.joining(","));
        String body = "{\"items\":[" + items + "],\"nextCursor\":" + (nextCursor == null ? "null" : "\"" + nextCursor + "\"") + "}";
        FakeTwilio.client().register(get(urlPathEqualTo("/tracker/contacts"))
                .withQueryParam("lastMessageAfter", equalTo(after.toString()))
                .withQueryParam("optedOut", equalTo("false"))
                .withQueryParam("cursor", cursor == null ? absent() : equalTo(cursor))
                .withQueryParam("sort", equalTo("contactId"))
                .withHeader("Authorization", equalTo("Bearer " + FakeTwilioResource.TRACKER_API_KEY))
                .willReturn(aResponse().withStatus(200).withFixedDelay(delayMillis).withHeader("Content-Type", "application/json").withBody(body)));
    }
}
