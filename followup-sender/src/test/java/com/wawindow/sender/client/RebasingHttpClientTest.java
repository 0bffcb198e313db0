package com.wawindow.sender.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.twilio.exception.TwilioException;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import com.wawindow.sender.TestConfigs;
import com.wawindow.support.failure.Causes;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK puts filters and paging in the request URL itself; moved to the fake host, the URL must keep them. And the
 * send budget's check at the wire ({@link SendSlotCheck}): a request whose slot passed on its way (a stall after the
 * limiter let it go) never reaches Twilio; one on time does, and requests outside the budget are not checked.
 * Real SDK calls (Content API reader, Message reader and creator) against a WireMock on 127.0.0.1.
 */
class RebasingHttpClientTest {

    private static final String ACCOUNT = "AC00000000000000000000000000000001";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    private static final String CREATED = "SM00000000000000000000000000000001";

    private WireMockServer fake;
    private TwilioConnection connection;

    @BeforeEach
    void start() {
        fake = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        fake.start();
        connection = new TwilioConnection(TestConfigs.twilio(ACCOUNT, "token", "http://127.0.0.1:" + fake.port(), true),
                TestConfigs.followup(false));
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    @Test
    @org.junit.jupiter.api.Timeout(60) // a next page that loses its PageToken is page 1 again, for ever
    void everyPageOfTheContentApiIsReadOnceByItsNextPageUrl() {
        // Twilio's next_page_url names content.twilio.com and carries the paging in its query
        fake.stubFor(get(urlPathEqualTo("/v1/ContentAndApprovals")).withQueryParam("PageToken", absent())
                .willReturn(page(List.of("HX" + "1".repeat(32), "HX" + "2".repeat(32)), "PT2", 1)));
        fake.stubFor(get(urlPathEqualTo("/v1/ContentAndApprovals")).withQueryParam("PageToken", equalTo("PT2"))
                .willReturn(page(List.of("HX" + "3".repeat(32), "HX" + "4".repeat(32)), "PT3", 2)));
        fake.stubFor(get(urlPathEqualTo("/v1/ContentAndApprovals")).withQueryParam("PageToken", equalTo("PT3"))
                .willReturn(page(List.of("HX" + "5".repeat(32)), null, 3)));

        List<TwilioContent.ContentTemplate> templates = new TwilioContent(connection).listWithApprovals();

        assertEquals(List.of("HX" + "1".repeat(32), "HX" + "2".repeat(32), "HX" + "3".repeat(32), "HX" + "4".repeat(32),
                "HX" + "5".repeat(32)), templates.stream().map(TwilioContent.ContentTemplate::sid).toList());
        fake.verify(1, getRequestedFor(urlPathEqualTo("/v1/ContentAndApprovals")).withQueryParam("PageToken", absent()));
        fake.verify(1, getRequestedFor(urlPathEqualTo("/v1/ContentAndApprovals")).withQueryParam("PageToken", equalTo("PT2"))
                .withQueryParam("PageSize", equalTo("2")));
        fake.verify(1, getRequestedFor(urlPathEqualTo("/v1/ContentAndApprovals")).withQueryParam("PageToken", equalTo("PT3")));
        assertEquals(3, fake.findAll(getRequestedFor(urlPathEqualTo("/v1/ContentAndApprovals"))).size());
    }

    @Test
    void listMessagesFiltersReachTheFake() {
        fake.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"messages":[],"end":0,"first_page_uri":"%1$s?PageSize=100&Page=0","next_page_uri":null,"page":0,
                        "page_size":100,"previous_page_uri":null,"start":0,"uri":"%1$s?PageSize=100&Page=0"}"""
                        .formatted(MESSAGES))));

        new TwilioMessages(connection, new SendRateLimiter(80)).createdSince("whatsapp:+6281234567890",
                "whatsapp:+14155238886", Instant.parse("2026-12-02T01:02:03.456Z"));

        List<LoggedRequest> requests = fake.findAll(getRequestedFor(urlPathEqualTo(MESSAGES)));
        assertEquals(1, requests.size());
        LoggedRequest request = requests.get(0);
        System.out.println("List Messages as the fake saw it: " + request.getUrl());
        assertEquals("whatsapp:+6281234567890", request.queryParameter("To").firstValue());
        assertEquals("whatsapp:+14155238886", request.queryParameter("From").firstValue());
        // day-granular: from the start of the attempt's day (UTC)
        fake.verify(1, getRequestedFor(urlPathEqualTo(MESSAGES))
                .withQueryParam("DateSent>", matching("2026-12-02.*")));
    }

    @Test
    void aCreateWhoseSlotPassedOnItsWayIsNeverWritten() {
        stubCreate();
        long passed = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(200);
        TwilioException refused;
        try (SendSlotCheck.Held held = SendSlotCheck.hold(passed)) {
            refused = assertThrows(TwilioException.class, this::create);
        }
        assertTrue(Causes.any(refused, SendSlotCheck.SlotPassed.class), "refused for its slot: " + refused);
        assertEquals(0, fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).size(), "nothing reached the fake");
    }

    @Test
    void aCreateOnTimeGoesOutAndTheSlotIsReleasedAfterIt() {
        stubCreate();
        // a slot a few seconds ahead: on time however slowly a first request of this JVM gets going
        try (SendSlotCheck.Held held = SendSlotCheck.hold(System.nanoTime() + TimeUnit.SECONDS.toNanos(5))) {
            assertEquals(CREATED, create().getSid());
        }
        // the thread holds no slot any more: a later request of this thread (a read, a reconcile) is not checked
        assertEquals(CREATED, create().getSid());
        assertEquals(2, fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).size());
    }

    @Test
    void aSendWhoseSlotsKeepPassingOnTheirWayGivesUpAsNotCreatedAfterFive() {
        stubCreate();
        java.util.concurrent.atomic.AtomicInteger slotsTaken = new java.util.concurrent.atomic.AtomicInteger();
        // a machine stalled between each slot and the wire: every slot has passed by the time the request leaves
        SendRateLimiter stalled = new SendRateLimiter(1000) {
            @Override
            public long acquire(String sender) {
                slotsTaken.incrementAndGet();
                return System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(200);
            }
        };
        TwilioMessages messages = new TwilioMessages(connection, stalled);

        TwilioSendException.Transient gaveUp = assertThrows(TwilioSendException.Transient.class, () -> messages.send(
                new com.wawindow.sender.entity.OutboundMessage("whatsapp:+15550000001", "whatsapp:+15550000002", null,
                        null, null, "hi", null)));

        assertEquals(TwilioSendException.Kind.UNAVAILABLE, gaveUp.kind());
        assertTrue(!gaveUp.maybeCreated(), "nothing was written: not created");
        assertEquals(TwilioMessages.MAX_SLOTS_PASSED, slotsTaken.get(), "a new slot for each refused request, five in all");
        assertEquals(0, fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).size(), "nothing reached the fake");
    }

    @Test
    void aNudgeWhoseSlotComesAfterItsDeadlineIsNeverWritten() {
        stubCreate();
        // the rate budget holds the send 300 ms; its window's deadline (less the margin) is 100 ms away
        SendRateLimiter slow = new SendRateLimiter(1000) {
            @Override
            public long acquire(String sender) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return System.nanoTime();
            }
        };
        TwilioMessages messages = new TwilioMessages(connection, slow);
        com.wawindow.sender.entity.OutboundMessage nudge = new com.wawindow.sender.entity.OutboundMessage(
                "whatsapp:+15550000001", "whatsapp:+15550000002", null, null, null, "Anything else?", null);

        assertThrows(SendDeadlinePassed.class, () -> messages.send(nudge, java.time.Instant.now().plusMillis(100)));
        assertEquals(0, fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).size(), "nothing reached the fake");

        // the same send with its deadline still ahead once the slot comes goes out
        assertEquals(CREATED, messages.send(nudge, java.time.Instant.now().plusSeconds(5)).messageSid());
        assertEquals(1, fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).size());
    }

    private void stubCreate() {
        fake.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"" + CREATED + "\", \"status\": \"queued\"}")));
    }

    private Message create() {
        return Message.creator(new PhoneNumber("whatsapp:+15550000001"), new PhoneNumber("whatsapp:+15550000002"), "hi")
                .create(connection.client().orElseThrow());
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder page(List<String> sids, String next,
            int page) {
        StringBuilder contents = new StringBuilder();
        for (String sid : sids) {
            contents.append(contents.isEmpty() ? "" : ",").append("""
                    {"sid":"%s","account_sid":"%s","friendly_name":"t-%s","language":"en","variables":{"1":"there"},
                    "types":{"twilio/text":{"body":"Hi {{1}}"}},
                    "approval_requests":{"name":"t","category":"UTILITY","status":"approved","rejection_reason":""}}"""
                    .formatted(sid, ACCOUNT, sid));
        }
        String nextUrl = next == null ? "null"
                : "\"https://content.twilio.com/v1/ContentAndApprovals?PageSize=2&Page=" + page + "&PageToken=" + next + "\"";
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"contents":[%s],"meta":{"page":%d,"page_size":2,"first_page_url":"https://content.twilio.com/v1/ContentAndApprovals?PageSize=2&Page=0",
                "previous_page_url":null,"url":"https://content.twilio.com/v1/ContentAndApprovals?PageSize=2&Page=%d",
                "next_page_url":%s,"key":"contents"}}""".formatted(contents, page - 1, page - 1, nextUrl));
    }
}
