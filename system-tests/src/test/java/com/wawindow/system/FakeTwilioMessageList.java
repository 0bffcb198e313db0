package com.wawindow.system;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Twilio's List Messages ({@code GET .../Messages.json?To=...}) over what the fake has actually been sent, newest
 * first, as the sender asks when it reconciles a claim a crashed instance left behind.
 */
final class FakeTwilioMessageList implements ResponseDefinitionTransformerV2 {

    static final String NAME = "message-list";
    private static final Pattern SID = Pattern.compile("\"sid\":\"(SM[0-9a-fA-F]{32})\"");
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    private final AtomicReference<WireMockServer> server;

    /** The template's text with the request's ContentVariables filled in (the one template the fake serves). */
    static String rendered(Map<String, String> form) {
        if (!RunningSystem.CONTENT_SID.equals(form.get("ContentSid"))) {
            return "";
        }
        Map<String, String> variables;
        try {
            variables = form.get("ContentVariables") == null ? Map.of()
                    : JSON.readValue(form.get("ContentVariables"), new TypeReference<Map<String, String>>() { });
        } catch (java.io.IOException e) {
            variables = Map.of();
        }
        Matcher placeholder = PLACEHOLDER.matcher(RunningSystem.TEMPLATE_TEXT);
        StringBuilder text = new StringBuilder();
        while (placeholder.find()) {
            placeholder.appendReplacement(text, Matcher.quoteReplacement(variables.getOrDefault(placeholder.group(1), "")));
        }
        return placeholder.appendTail(text).toString();
    }

    FakeTwilioMessageList(AtomicReference<WireMockServer> server) {
        this.server = server;
    }

    @Override
    public ResponseDefinition transform(ServeEvent list) {
        String to = list.getRequest().queryParameter("To").firstValue();
        String messages = server.get().getAllServeEvents().stream()
                .filter(event -> RequestMethod.POST.equals(event.getRequest().getMethod())
                        && event.getRequest().getUrl().endsWith("/Messages.json")
                        // an error answer (the fault suite's 5xx) created nothing; a dropped connection did
                        && (event.getResponse() == null || event.getResponse().getStatus() < 300)
                        && to.equals(RunningSystem.form(event.getRequest()).get("To")))
                .map(event -> {
                    // a request whose caller was killed before the answer still created the message at Twilio
                    String body = event.getResponse() == null ? "" : event.getResponse().getBodyAsString();
                    Matcher sid = SID.matcher(body == null ? "" : body);
                    String messageSid = sid.find() ? sid.group(1) : "SM" + event.getId().toString().replace("-", "");
                    String created = RFC_2822.format(event.getRequest().getLoggedDate().toInstant());
                    Map<String, String> form = RunningSystem.form(event.getRequest());
                    Map<String, Object> message = new LinkedHashMap<>();
                    message.put("sid", messageSid);
                    message.put("to", to);
                    message.put("from", form.get("From"));
                    // Twilio lists a template send with its rendered text as the body
                    message.put("body", form.containsKey("Body") ? form.get("Body") : rendered(form));
                    message.put("status", "queued");
                    message.put("direction", "outbound-api");
                    message.put("date_created", created);
                    try {
                        return JSON.writeValueAsString(message);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .collect(Collectors.joining(","));
        return ResponseDefinitionBuilder.like(list.getResponseDefinition()).but().withStatus(200)
                .withBody("{\"messages\":[" + messages + "],\"page\":0,\"page_size\":20,\"start\":0,\"end\":0,"
                        + "\"first_page_uri\":\"\",\"next_page_uri\":null,\"previous_page_uri\":null,\"uri\":\"\"}")
                .build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
