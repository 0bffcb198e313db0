package com.wawindow.sender;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/** The test side of {@link FakeTwilioResource}: stubs and recorded requests, per contact. */
public final class FakeTwilio {

    public static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + FakeTwilioResource.ACCOUNT_SID + "/Messages.json";

    private FakeTwilio() {
    }

    public static WireMock client() {
        URI base = URI.create(ConfigProvider.getConfig().getValue("twilio.api-base-url", String.class));
        return new WireMock(base.getHost(), base.getPort());
    }

    /**
     * Twilio accepts every message (a new SM sid each, remembered) and lists what it created, unless a more specific
     * stub says otherwise.
     */
    public static void acceptAll() {
        client().register(messages().atPriority(10).willReturn(created()));
        client().register(get(urlPathEqualTo(MESSAGES_PATH)).atPriority(10)
                .willReturn(aResponse().withTransformers(FakeTwilioMessages.LIST)));
    }

    /** Creates the message (List Messages shows it), then answers as {@code then} says: drop, 500, slow. */
    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder createdThen(String then) {
        return aResponse().withTransformers(FakeTwilioMessages.CREATE).withTransformerParameter("then", then);
    }

    public static MappingBuilder messages() {
        return post(urlEqualTo(MESSAGES_PATH));
    }

    public static MappingBuilder messagesTo(String whatsappAddress) {
        return messages().atPriority(1).withRequestBody(containing("To=" + encode(whatsappAddress)));
    }

    /** 201 with a new SID; the fake remembers the message, so List Messages shows it. */
    /** The first create to {@code whatsappAddress} is answered {@code first}; every later one is created. */
    public static void firstAnswerThenCreated(String whatsappAddress,
            com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder first) {
        String scenario = "first answer, then created, for " + whatsappAddress;
        client().register(messagesTo(whatsappAddress).inScenario(scenario)
                .whenScenarioStateIs(com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED)
                .willReturn(first).willSetStateTo("answered once"));
        client().register(messagesTo(whatsappAddress).inScenario(scenario).whenScenarioStateIs("answered once")
                .willReturn(created()));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created() {
        return aResponse().withTransformers(FakeTwilioMessages.CREATE);
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, int code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":" + code + ",\"message\":\"scripted error " + code + "\",\"more_info\":"
                        + "\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":" + status + "}");
    }

    public static List<LoggedRequest> requestsTo(String whatsappAddress) {
        return client().find(postRequestedFor(urlEqualTo(MESSAGES_PATH))
                .withRequestBody(containing("To=" + encode(whatsappAddress))));
    }

    public static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
