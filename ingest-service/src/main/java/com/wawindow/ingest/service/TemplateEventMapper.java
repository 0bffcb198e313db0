package com.wawindow.ingest.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wawindow.events.EventIds;
import com.wawindow.events.TemplateApprovalChanged;
import com.wawindow.support.problem.ProblemException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns an Event Streams webhook body (a JSON array of CloudEvents; a single object is taken as an array of one)
 * into {@link TemplateApprovalChanged}, one per {@code com.twilio.messaging.template.approval.updated} event whose
 * {@code data.type} is {@code status_update} or {@code category_update}. Other event types, which a sink subscribed
 * to more may carry, are counted as ignored, not refused: refusing would make Event Streams redeliver them for ever.
 */
@Singleton
public class TemplateEventMapper {

    /** Twilio's event type for WhatsApp template status and category changes. */
    public static final String TEMPLATE_APPROVAL_UPDATED = "com.twilio.messaging.template.approval.updated";
    private static final Pattern CONTENT_SID = Pattern.compile("HX[0-9a-fA-F]{32}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The template changes in a body, and how many events of it were of another kind. */
    public record Mapped(List<TemplateApprovalChanged> changes, int ignored) {
    }

    private final Clock clock;

    public TemplateEventMapper(Clock clock) {
        this.clock = clock;
    }

    /**
     * @throws ProblemException {@link IngestProblems#MALFORMED_JSON} for a body that is not a JSON array or object of
     *         objects; {@link IngestProblems#MISSING_PARAMETER} for a template event without an id, a Content SID or
     *         a current value
     */
    public Mapped map(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ProblemException(IngestProblems.MALFORMED_JSON, "the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ProblemException(IngestProblems.MALFORMED_JSON, "the body cannot be read as JSON");
        }
        List<JsonNode> events = new ArrayList<>();
        if (root != null && root.isArray()) {
            root.forEach(events::add);
        } else if (root != null && root.isObject()) {
            events.add(root);
        } else {
            throw new ProblemException(IngestProblems.MALFORMED_JSON, "Event Streams sends a JSON array of CloudEvents");
        }
        Instant receivedAt = clock.instant();
        List<TemplateApprovalChanged> changes = new ArrayList<>();
        int ignored = 0;
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            if (!event.isObject()) {
                throw new ProblemException(IngestProblems.MALFORMED_JSON, "event " + i + " is not a JSON object");
            }
            TemplateApprovalChanged.Change change = change(event);
            if (change == null) {
                ignored++;
                continue;
            }
            changes.add(templateChange(event, i, change, receivedAt));
        }
        return new Mapped(changes, ignored);
    }

    private static TemplateApprovalChanged.Change change(JsonNode event) {
        if (!TEMPLATE_APPROVAL_UPDATED.equals(event.path("type").asText(null))) {
            return null;
        }
        return switch (event.path("data").path("type").asText("")) {
            case "status_update" -> TemplateApprovalChanged.Change.STATUS;
            case "category_update" -> TemplateApprovalChanged.Change.CATEGORY;
            default -> null;
        };
    }

    private static TemplateApprovalChanged templateChange(JsonNode event, int index, TemplateApprovalChanged.Change change,
            Instant receivedAt) {
        JsonNode data = event.path("data");
        JsonNode template = data.path("template");
        String id = required(event.path("id"), "id", index);
        String sid = required(template.path("sid"), "data.template.sid", index);
        if (!CONTENT_SID.matcher(sid).matches()) {
            throw new ProblemException(IngestProblems.MISSING_PARAMETER,
                    "event " + index + ": data.template.sid is not a Content SID (HX and 32 hex digits)");
        }
        String current = required(template.path("currentValue"), "data.template.currentValue", index);
        return new TemplateApprovalChanged(EventIds.templateChange(id), TemplateApprovalChanged.CURRENT_VERSION, receivedAt,
                instant(data.path("dateUpdated"), instant(event.path("time"), receivedAt)), id,
                text(data.path("accountSid")), sid, text(template.path("friendlyName")), text(template.path("language")),
                change, lower(text(template.path("previousValue"))), lower(current));
    }

    private static String required(JsonNode node, String name, int index) {
        String value = text(node);
        if (value == null) {
            throw new ProblemException(IngestProblems.MISSING_PARAMETER, "event " + index + " has no " + name);
        }
        return value;
    }

    private static String text(JsonNode node) {
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            return null;
        }
        return node.asText().trim();
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static Instant instant(JsonNode node, Instant otherwise) {
        String value = text(node);
        if (value == null) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return otherwise;
        }
    }
}
