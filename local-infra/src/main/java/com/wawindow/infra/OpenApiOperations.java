package com.wawindow.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every operation a running service documents in {@code /q/openapi}, so a test that goes through all of them cannot
 * forget an endpoint added later. The framework's own {@code /q/*} endpoints and Twilio's signed webhooks are left out:
 * they are open by design.
 */
public final class OpenApiOperations {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiOperations() {
    }

    public static List<ApiOperation> read(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + "/q/openapi?format=json"))
                            .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /q/openapi answered " + response.statusCode());
            }
            return parse(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the OpenAPI document of " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted reading the OpenAPI document of " + base, e);
        }
    }

    /** The operations of an OpenAPI document (JSON), sorted by path then method. */
    public static List<ApiOperation> parse(String openApiJson) throws IOException {
        JsonNode paths = new ObjectMapper().readTree(openApiJson).path("paths");
        List<ApiOperation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (path.getKey().startsWith("/q/") || path.getKey().startsWith("/webhooks/")) {
                continue;
            }
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next();
                if (METHODS.contains(method)) {
                    operations.add(new ApiOperation(method, path.getKey()));
                }
            }
        }
        operations.sort(Comparator.comparing(ApiOperation::pathTemplate).thenComparing(ApiOperation::method));
        return operations;
    }
}
