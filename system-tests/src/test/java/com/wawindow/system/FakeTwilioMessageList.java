package com.wawindow.system;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
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

    private final AtomicReference<WireMockServer> server;

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
                    return "{\"sid\":\"" + messageSid + "\",\"to\":\"" + to + "\",\"from\":\""
                            + RunningSystem.form(event.getRequest()).get("From") + "\",\"status\":\"queued\","
                            + "\"direction\":\"outbound-api\",\"date_created\":\"" + created + "\"}";
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
