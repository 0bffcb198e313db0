package com.wawindow.sender.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text Twilio's List Messages shows for a message: a free-form body as sent, a template's text with its
 * {{n}} placeholders filled from ContentVariables (else from the template's own sample values). Compared after
 * trimming and collapsing white space, nothing else: the match is exact or there is none.
 */
public final class ExpectedBody {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");

    private ExpectedBody() {
    }

    /** @return null when the template's text is unknown (the registry has none) */
    public static String render(String templateText, String contentVariables, String defaults) {
        if (templateText == null || templateText.isBlank()) {
            return null;
        }
        JsonNode values = parse(contentVariables);
        JsonNode samples = parse(defaults);
        Matcher placeholder = PLACEHOLDER.matcher(templateText);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            String name = placeholder.group(1);
            JsonNode value = values.hasNonNull(name) ? values.get(name) : samples.get(name);
            placeholder.appendReplacement(out, Matcher.quoteReplacement(value == null ? placeholder.group() : value.asText()));
        }
        placeholder.appendTail(out);
        return normalise(out.toString());
    }

    public static String normalise(String text) {
        return text == null ? null : text.strip().replaceAll("\\s+", " ");
    }

    private static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(json);
            return node != null && node.isObject() ? node : JSON.createObjectNode();
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }
}
