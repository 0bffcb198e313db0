package com.wawindow.sender.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a rule's ContentVariables: a JSON object whose string values may reference {@code {profileName}},
 * {@code {contactId}}, {@code {lastMessageAt}}, {@code {expiredAt}}, each with an optional default after a bar
 * ({@code {profileName|there}}) used when the value is missing. Anything else, including unknown
 * placeholders, is sent as written.
 */
public final class ContentVariables {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)(?:\\|([^}]*))?}");

    private ContentVariables() {
    }

    /** @throws ProblemException (invalid request) when the template is not a JSON object */
    public static String render(String template, Map<String, String> values) {
        ObjectNode variables = parse(template);
        Iterator<Map.Entry<String, JsonNode>> fields = variables.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getValue().isTextual()) {
                field.setValue(variables.textNode(substitute(field.getValue().asText(), values)));
            }
        }
        return variables.toString();
    }

    /** A plain text with the same placeholders (a nudge's free-form body). */
    public static String renderText(String text, Map<String, String> values) {
        return substitute(text, values);
    }

    /** Checks a template at the API boundary, so a bad rule is refused instead of failing at send time. */
    public static void validate(String template) {
        parse(template);
    }

    private static ObjectNode parse(String template) {
        try {
            JsonNode node = JSON.readTree(template);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            // reported below with the same message as a non-object
        }
        throw new ProblemException(ProblemType.INVALID_REQUEST,
                "content variables must be a JSON object, e.g. {\"1\":\"{profileName}\"}");
    }

    private static String substitute(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            if (!values.containsKey(matcher.group(1))) {
                matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group()));
                continue;
            }
            String value = values.get(matcher.group(1));
            if (value == null || value.isBlank()) {
                value = matcher.group(2) != null ? matcher.group(2) : "";
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
