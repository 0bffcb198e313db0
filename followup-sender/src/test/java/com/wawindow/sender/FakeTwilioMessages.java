package com.wawindow.sender;

import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake Twilio's memory of the messages it created, as Twilio's own: {@value #CREATE} answers a Create Message with a
 * new SID and keeps the message (To, From, the text Twilio would list: the body, or the known template's text with its
 * ContentVariables filled in, and date_created), then answers as the stub's parameter {@code then} says: {@code created}
 * (201, the default), {@code drop} (the connection is reset after the message was created), {@code 500} (an error after
 * creating), {@code slow} (201 after {@code delayMs}). {@value #LIST} answers List Messages from that memory, filtered by
 * To and From, newest first, in one page.
 */
public final class FakeTwilioMessages implements ResponseDefinitionTransformerV2 {

    public static final String CREATE = "twilio-create";
    public static final String LIST = "twilio-list";

    /** The template text Twilio would show for {@link FakeTwilioResource#CONTENT_SID}. */
    public static final String TEMPLATE_TEXT = "Hi {{1}}, your conversation with us closed. Reply any time to reach us again.";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

    /** One message the fake created. */
    public record Created(String sid, String to, String from, String body, ZonedDateTime dateCreated) {
    }

    private static final List<Created> CREATED = java.util.Collections.synchronizedList(new ArrayList<>());

    private final String name;

    private FakeTwilioMessages(String name) {
        this.name = name;
    }

    public static FakeTwilioMessages create() {
        return new FakeTwilioMessages(CREATE);
    }

    public static FakeTwilioMessages list() {
        return new FakeTwilioMessages(LIST);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        return CREATE.equals(name) ? created(event) : listed(event);
    }

    /** Messages created for this recipient (the edge's own count, whatever the sender recorded). */
    public static List<Created> createdTo(String to) {
        return snapshot().stream().filter(c -> c.to().equals(to)).toList();
    }

    private static ResponseDefinition created(ServeEvent event) {
        Map<String, String> form = form(event.getRequest().getBodyAsString());
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        String body = form.get("Body") != null ? form.get("Body") : render(form.get("ContentSid"), form.get("ContentVariables"));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Created message = new Created(sid, form.get("To"), form.get("From"), body, now);
        CREATED.add(message);
        Parameters parameters = event.getTransformerParameters();
        String then = parameters == null || !parameters.containsKey("then") ? "created" : parameters.getString("then");
        var response = com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.like(event.getResponseDefinition()).but();
        return switch (then) {
            case "drop" -> response.withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            case "500" -> response.withStatus(500).withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":20500,\"message\":\"Internal Server Error\",\"status\":500}").build();
            default -> {
                var ok = response.withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(Json.write(message(message, "queued")));
                if ("slow".equals(then)) {
                    ok = ok.withFixedDelay(parameters.getInt("delayMs"));
                }
                yield ok.build();
            }
        };
    }

    private static ResponseDefinition listed(ServeEvent event) {
        Request request = event.getRequest();
        String to = request.queryParameter("To").isPresent() ? request.queryParameter("To").firstValue() : null;
        String from = request.queryParameter("From").isPresent() ? request.queryParameter("From").firstValue() : null;
        List<Map<String, Object>> messages = new ArrayList<>();
        List<Created> all = snapshot();
        java.util.Collections.reverse(all);
        for (Created created : all) {
            if ((to == null || to.equals(created.to())) && (from == null || from.equals(created.from()))) {
                messages.add(message(created, "sent"));
            }
        }
        String uri = "/2010-04-01/Accounts/" + FakeTwilioResource.ACCOUNT_SID + "/Messages.json?PageSize=100&Page=0";
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("messages", messages);
        page.put("end", Math.max(0, messages.size() - 1));
        page.put("first_page_uri", uri);
        page.put("next_page_uri", null);
        page.put("page", 0);
        page.put("page_size", 100);
        page.put("previous_page_uri", null);
        page.put("start", 0);
        page.put("uri", uri);
        return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.like(event.getResponseDefinition()).but().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(Json.write(page)).build();
    }

    private static List<Created> snapshot() {
        synchronized (CREATED) {
            return new ArrayList<>(CREATED);
        }
    }

    private static Map<String, Object> message(Created created, String status) {
        String date = RFC_2822.format(created.dateCreated());
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("sid", created.sid());
        message.put("account_sid", FakeTwilioResource.ACCOUNT_SID);
        message.put("to", created.to());
        message.put("from", created.from());
        message.put("body", created.body());
        message.put("status", status);
        message.put("direction", "outbound-api");
        message.put("date_created", date);
        message.put("date_updated", date);
        message.put("date_sent", date);
        message.put("num_segments", "1");
        message.put("num_media", "0");
        message.put("api_version", "2010-04-01");
        message.put("uri", "/2010-04-01/Accounts/" + FakeTwilioResource.ACCOUNT_SID + "/Messages/" + created.sid() + ".json");
        return message;
    }

    /** What Twilio lists for a template send: the known template's text, placeholders filled in. */
    private static String render(String contentSid, String variables) {
        if (!FakeTwilioResource.CONTENT_SID.equals(contentSid)) {
            return "";
        }
        Map<String, Object> values = variables == null ? Map.of() : Json.read(variables, Map.class);
        Matcher placeholder = PLACEHOLDER.matcher(TEMPLATE_TEXT);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            Object value = values.get(placeholder.group(1));
            placeholder.appendReplacement(out, Matcher.quoteReplacement(value == null ? placeholder.group() : value.toString()));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }
}
