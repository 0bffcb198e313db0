package com.wawindow.sender.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.wawindow.sender.TestConfigs;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SDK puts filters and paging in the request URL itself; moved to the fake host, the URL must keep them.
 * Real SDK calls (Content API reader, Message reader) against a WireMock on 127.0.0.1.
 */
class RebasingHttpClientTest {

    private static final String ACCOUNT = "AC00000000000000000000000000000001";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

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
