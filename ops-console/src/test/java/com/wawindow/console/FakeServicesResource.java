package com.wawindow.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.wawindow.infra.DatabaseEndpoint;
import com.wawindow.infra.PostgresLocator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The tracker and the sender faked by one WireMock on 127.0.0.1 (their paths do not collide), and the test database
 * (PGDATABASE on the local server, else an embedded PostgreSQL): the console needs no broker.
 */
public class FakeServicesResource implements QuarkusTestResourceLifecycleManager {

    static final String OPEN = "+6281234567890";
    static final String CLOSED = "+6281100000002";
    static final String REFUSED = "+6281100000009";
    static final String CONTENT_SID = "HXb5b62575e6e4ff6129ad7c8efe1f983e";
    /** The campaign a confirmed start gets from the fake sender. */
    static final long STARTED_CAMPAIGN = 31;
    static WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        stubs();
        DatabaseEndpoint db = database();
        String base = server.baseUrl();
        return Map.of("console.tracker-url", base, "console.sender-url", base, "console.ingest-url", base,
                "quarkus.datasource.jdbc.url", db.jdbcUrl(), "quarkus.datasource.username", db.username(),
                "quarkus.datasource.password", db.password());
    }

    /** Puts back the fake answers (tests may add or verify requests, then reset). */
    static void stubs() {
        server.resetAll();
        Instant now = Instant.now();
        String openExpires = now.plus(Duration.ofHours(5)).toString();
        String closedExpires = now.minus(Duration.ofHours(2)).toString();
        server.stubFor(get(urlPathEqualTo("/contacts")).willReturn(okJson("""
                {"items":[
                 {"contactId":"%s","contactAddress":"whatsapp:%s","profileName":"Budi","state":"OPEN",
                  "lastMessageAt":"%s","expiresAt":"%s","optedOut":false},
                 {"contactId":"%s","contactAddress":"whatsapp:%s","profileName":"Sari","state":"CLOSED",
                  "lastMessageAt":"%s","expiresAt":"%s","optedOut":true}],
                 "nextCursor":"ZHwyMDI2LTEyLTAxVDAwOjAwOjAwWnwrNjI"}
                """.formatted(OPEN, OPEN, now.minus(Duration.ofHours(19)), openExpires, CLOSED, CLOSED,
                now.minus(Duration.ofHours(26)), closedExpires))));
        server.stubFor(get(urlPathMatching(path(OPEN, "/window"))).atPriority(1).willReturn(okJson(window(OPEN, "OPEN",
                now.minus(Duration.ofHours(19)), openExpires))));
        server.stubFor(get(urlPathMatching(path(CLOSED, "/window"))).atPriority(1).willReturn(okJson(window(CLOSED, "CLOSED",
                now.minus(Duration.ofHours(26)), closedExpires))));
        server.stubFor(get(urlPathMatching(path(REFUSED, "/window"))).atPriority(1).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://wawindow.dev/problems/unauthorized\",\"title\":\"Credential required\","
                        + "\"status\":401,\"detail\":\"the credential is not valid\"}")));
        server.stubFor(get(urlPathMatching("/contacts/[^/]+/window")).atPriority(9).willReturn(aResponse()
                .withStatus(404).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://wawindow.dev/problems/contact-not-found\",\"title\":\"Contact not found\","
                        + "\"status\":404,\"detail\":\"no inbound message\"}")));
        server.stubFor(get(urlPathEqualTo("/contacts/stats")).atPriority(1).willReturn(okJson(
                "{\"open\":1,\"closed\":1,\"expiringSoon\":0,\"entryPointOpen\":0,\"optedOut\":1,\"total\":2}")));
        server.stubFor(get(urlPathMatching("/contacts/[^/]+")).atPriority(10).willReturn(okJson(
                "{\"contactId\":\"x\",\"optedOut\":false,\"zoneId\":\"Asia/Jakarta\"}")));
        server.stubFor(get(urlPathEqualTo("/templates")).willReturn(okJson("""
                [{"id":1,"contentSid":"%s","friendlyName":"we_miss_you","language":"en","category":"UTILITY",
                  "approvalStatus":"approved","variables":"{\\"1\\":\\"there\\"}","source":"SYNC","updatedAt":"%s",
                  "lastSyncedAt":"%s"},
                 {"id":2,"contentSid":"HX00000000000000000000000000000002","friendlyName":"promo","language":"id",
                  "category":"MARKETING","approvalStatus":"rejected","rejectionReason":"too salesy","source":"API",
                  "updatedAt":"%s"}]
                """.formatted(CONTENT_SID, now, now, now))));
        String stats = "{\"total\":4,\"sent\":4,\"delivered\":3,\"read\":2,\"failed\":0,\"repliedAfterFollowup\":1,"
                + "\"deliveredRate\":0.75,\"readRate\":0.5,\"failedRate\":0.0,\"repliedRate\":0.25}";
        server.stubFor(get(urlPathMatching("/templates/[0-9]+/stats")).willReturn(okJson(stats)));
        server.stubFor(get(urlPathEqualTo("/followups/stats")).willReturn(okJson(stats)));
        server.stubFor(get(urlPathEqualTo("/followups")).willReturn(okJson("""
                [{"id":7,"contactId":"%s","ruleId":1,"dispatchId":3,"decision":"SENT","reason":"window closed, rule default",
                  "decidedAt":"%s"}]""".formatted(CLOSED, now.minus(Duration.ofHours(1))))));
        server.stubFor(get(urlPathEqualTo("/rules")).willReturn(okJson("""
                [{"id":1,"name":"default","contentSid":"%s","contentVariables":"{}","delaySeconds":0,"maxPerWindow":1,
                  "stopOnReply":true,"quietHours":null,"enabled":true,"requireUtility":false,"updatedAt":"%s",
                  "kind":"FOLLOWUP","body":null,"holdoutPercent":0,"quietAfterSendSeconds":0,"preferFree":true},
                 {"id":12,"name":"nudge-1","contentSid":null,"contentVariables":"{}","delaySeconds":0,"maxPerWindow":1,
                  "stopOnReply":true,"quietHours":null,"enabled":true,"requireUtility":false,"updatedAt":"%s",
                  "kind":"NUDGE","body":"Still there? Reply to keep chatting.","holdoutPercent":20,
                  "quietAfterSendSeconds":3600,"preferFree":false}]""".formatted(CONTENT_SID, now, now))));
        server.stubFor(get(urlPathEqualTo("/rules/12")).willReturn(okJson("""
                {"id":12,"name":"nudge-1","contentSid":null,"contentVariables":"{}","delaySeconds":0,"maxPerWindow":1,
                  "stopOnReply":true,"quietHours":null,"enabled":true,"requireUtility":false,"updatedAt":"%s",
                  "kind":"NUDGE","body":"Still there? Reply to keep chatting.","holdoutPercent":20,
                  "quietAfterSendSeconds":3600,"preferFree":false}""".formatted(now))));
        server.stubFor(post(urlPathEqualTo("/rules")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                {"id":13,"name":"nudge-2","contentSid":null,"contentVariables":"{}","delaySeconds":0,"maxPerWindow":1,
                  "stopOnReply":true,"quietHours":null,"enabled":true,"requireUtility":false,"updatedAt":"%s",
                  "kind":"NUDGE","body":"Hi","holdoutPercent":10,"quietAfterSendSeconds":600,"preferFree":false}"""
                        .formatted(now))));
        server.stubFor(get(urlPathEqualTo("/rules/1")).willReturn(okJson("""
                {"id":1,"name":"default","contentSid":"%s","contentVariables":"{}","delaySeconds":0,"maxPerWindow":1,
                  "stopOnReply":true,"quietHours":null,"enabled":true,"requireUtility":true,"updatedAt":"%s"}""".formatted(CONTENT_SID, now))));
        server.stubFor(put(urlPathEqualTo("/rules/1")).willReturn(okJson("""
                {"id":1,"name":"default","contentSid":"%s","contentVariables":"{}","delaySeconds":0,"maxPerWindow":1,
                  "stopOnReply":true,"quietHours":null,"enabled":true,"requireUtility":false,"updatedAt":"%s"}""".formatted(CONTENT_SID, now))));
        server.stubFor(post(urlPathEqualTo("/messages")).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"SENT\",\"dispatchId\":11,\"messageSid\":\"SM0123\"}")));
        server.stubFor(get(urlPathEqualTo("/q/health/ready")).willReturn(okJson("{\"status\":\"UP\"}")));
        server.stubFor(get(urlPathEqualTo("/contacts/count")).atPriority(1).willReturn(okJson(
                "{\"count\":1234,\"countedAt\":\"" + now + "\"}")));
        server.stubFor(get(urlPathMatching("/contacts/[^/]+/messages")).atPriority(5).willReturn(okJson("""
                [{"messageSid":"SMinbound2","receivedAt":"%s","messageType":"text","mediaCount":0,"preview":"Is my order here?"},
                 {"messageSid":"SMinbound1","receivedAt":"%s","messageType":"image","mediaCount":1,"preview":null}]
                """.formatted(now.minus(Duration.ofHours(19)), now.minus(Duration.ofHours(20))))));
        server.stubFor(get(urlPathEqualTo("/dispatches")).willReturn(okJson("""
                [{"id":3,"kind":"FOLLOWUP","ruleId":1,"contentSid":"%s","freeForm":false,"messageSid":"SMsent3",
                  "status":"DELIVERED","dryRun":false,"createdAt":"%s","updatedAt":"%s"},
                 {"id":2,"kind":"MESSAGE","freeForm":true,"messageSid":"SMsent2","status":"UNDELIVERED","errorCode":"63016",
                  "errorMessage":"outside the window","dryRun":false,"createdAt":"%s","updatedAt":"%s"}]
                """.formatted(CONTENT_SID, now.minus(Duration.ofHours(1)), now, now.minus(Duration.ofHours(3)),
                now.minus(Duration.ofHours(3))))));
        server.stubFor(get(urlPathEqualTo("/followups/stats/daily")).willReturn(okJson("""
                [{"day":"2026-11-30","total":5,"sent":5,"delivered":4,"read":3,"failed":0,"repliedAfterFollowup":1},
                 {"day":"2026-12-01","total":7,"sent":6,"delivered":5,"read":2,"failed":1,"repliedAfterFollowup":2}]""")));
        server.stubFor(get(urlPathEqualTo("/followups/stats/nudges")).willReturn(okJson("""
                [{"ruleId":12,"ruleName":"nudge-1","nudged":40,"nudgedReplied":12,"nudgedReplyRate":0.3,"heldOut":10,
                  "heldOutReplied":2,"heldOutReplyRate":0.2,"replyRateLift":0.1,"dropped":3},
                 {"ruleId":14,"ruleName":"nudge-quiet","nudged":0,"nudgedReplied":0,"nudgedReplyRate":null,"heldOut":0,
                  "heldOutReplied":0,"heldOutReplyRate":null,"replyRateLift":null,"dropped":0}]""")));
        server.stubFor(get(urlPathEqualTo("/costs")).willReturn(okJson("""
                {"from":"2026-12-01T00:00:00Z","to":"2026-12-08T00:00:00Z","by":"day","rows":[
                  {"key":"2026-12-07","messages":6,"billable":2,"unpriced":1,"costs":{"USD":0.0822}},
                  {"key":"2026-12-08","messages":10,"billable":4,"unpriced":0,"costs":{"USD":0.1644}}],
                 "total":{"key":"total","messages":16,"billable":6,"unpriced":1,"costs":{"USD":0.2466}}}""")));
        server.stubFor(get(urlPathEqualTo("/costs")).withQueryParam("by", equalTo("template")).atPriority(1)
                .willReturn(okJson("""
                {"from":"2026-12-01T00:00:00Z","to":"2026-12-08T00:00:00Z","by":"template","rows":[
                  {"key":"%s","messages":9,"billable":3,"unpriced":0,"costs":{"EUR":0.05,"USD":0.1233}},
                  {"key":"free-form","messages":4,"billable":0,"unpriced":0,"costs":{}}],
                 "total":{"key":"total","messages":13,"billable":3,"unpriced":0,"costs":{"EUR":0.05,"USD":0.1233}}}"""
                        .formatted(CONTENT_SID))));
        // a segment of closed windows is priced contact by contact; any other is scaled from a sample
        server.stubFor(post(urlPathEqualTo("/campaigns/estimate")).withRequestBody(matchingJsonPath("$.segment.state",
                equalTo("closed"))).atPriority(1).willReturn(okJson("""
                {"templateId":1,"contentSid":"%s","category":"marketing","reach":3,"sampled":3,"billable":2,"free":1,
                 "unpriced":0,"estimatedCost":{"USD":0.0822},"exact":true,"estimatedAt":"%s"}""".formatted(CONTENT_SID, now))));
        server.stubFor(post(urlPathEqualTo("/campaigns/estimate")).atPriority(5).willReturn(okJson("""
                {"templateId":1,"contentSid":"%s","category":"marketing","reach":5000,"sampled":2000,"billable":4000,
                 "free":1000,"unpriced":0,"estimatedCost":{"USD":164.4},"exact":false,"estimatedAt":"%s"}"""
                .formatted(CONTENT_SID, now))));
        server.stubFor(post(urlPathEqualTo("/campaigns")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(campaign(STARTED_CAMPAIGN, "RUNNING", now))));
        String running = campaign(21, "RUNNING", now);
        server.stubFor(get(urlPathEqualTo("/campaigns")).willReturn(okJson("[" + running + ","
                + campaign(20, "COMPLETED", now) + "]")));
        server.stubFor(get(urlPathMatching("/campaigns/[0-9]+")).willReturn(okJson(running)));
        server.stubFor(post(urlPathMatching("/campaigns/[0-9]+/cancel")).willReturn(okJson(campaign(21, "CANCELLED", now))));
        server.stubFor(get(urlPathEqualTo("/q/metrics")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody("""
                        # TYPE window_event_lateness_seconds summary
                        window_event_lateness_seconds{event="window-expired",quantile="0.5"} 0.42
                        window_event_lateness_seconds{event="window-expired",quantile="0.99"} 1.75
                        window_event_lateness_seconds{event="window-expiring-soon",quantile="0.99"} 9.5
                        kafka_consumer_fetch_manager_records_lag_max{client_id="a",topic="inbound-messages"} 3.0
                        kafka_consumer_fetch_manager_records_lag_max{client_id="b",topic="window-expired"} 17.0
                        """)));
    }

    private static String campaign(long id, String state, Instant now) {
        return """
                {"id":%d,"templateId":1,"contentSid":"%s","segment":"{\\"state\\":\\"closed\\"}","state":"%s","total":200,
                 "sent":150,"skipped":2,"failed":1,"progress":0.765,"createdAt":"%s","updatedAt":"%s"}"""
                .formatted(id, CONTENT_SID, state, now, now);
    }

    /** The path of a contact's resource, whether the client sent the plus as is or encoded. */
    static String path(String contactId, String suffix) {
        return "/contacts/(%2B|\\+)" + contactId.substring(1) + suffix;
    }

    private static String window(String id, String state, Instant lastMessageAt, String expiresAt) {
        return """
                {"contactId":"%s","state":"%s","lastMessageAt":"%s","expiresAt":"%s","secondsRemaining":0,
                 "expiringSoon":false,"entryPoint":{"open":false,"expiresAt":null},"optedOut":false,"profileName":"Budi",
                 "contactAddress":"whatsapp:%s","businessAddress":"whatsapp:+14155238886","lastMessageSid":"SM1",
                 "firstSeenAt":"%s","inboundCount":3}""".formatted(id, state, lastMessageAt, expiresAt, id, lastMessageAt);
    }

    private static DatabaseEndpoint database() {
        String url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        if (url != null && !url.isBlank()) {
            return new DatabaseEndpoint(url, env("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                    env("QUARKUS_DATASOURCE_PASSWORD", "postgres"), "QUARKUS_DATASOURCE_JDBC_URL");
        }
        return PostgresLocator.localServer(env("PGHOST", "127.0.0.1"), Integer.parseInt(env("PGPORT", "5432")),
                env("PGDATABASE", "test"), env("PGUSER", "postgres"), env("PGPASSWORD", "postgres")).orElseGet(() -> {
                    try {
                        return PostgresLocator.startEmbedded(null, 0, "test").endpoint();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
