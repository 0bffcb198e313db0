package com.wawindow.infra;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One operation of a service's OpenAPI document: an HTTP method and a path template such as {@code /contacts/{id}}. */
public record ApiOperation(String method, String pathTemplate) {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}/]+)}");

    public ApiOperation {
        method = method.toUpperCase(Locale.ROOT);
    }

    /** Whether the operation changes state (and so needs the admin role). */
    public boolean isWrite() {
        return WRITES.contains(method);
    }

    /** The path with each placeholder replaced by its value (URL-encoded), or by {@code x} when none is given. */
    public String path(Map<String, String> pathValues) {
        Matcher matcher = PLACEHOLDER.matcher(pathTemplate);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            String value = pathValues.getOrDefault(matcher.group(1), "x");
            matcher.appendReplacement(path,
                    Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        matcher.appendTail(path);
        return path.toString();
    }

    @Override
    public String toString() {
        return method + " " + pathTemplate;
    }
}
