package com.wawindow.console.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Turns a 4xx/5xx answer (problem JSON, or anything else) into an {@link UpstreamException} the pages can show. */
public class ProblemResponseMapper implements ResponseExceptionMapper<UpstreamException> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "https://wawindow.dev/problems/";

    @Override
    public UpstreamException toThrowable(Response response) {
        int status = response.getStatus();
        String type = null;
        String title = defaultTitle(status);
        String detail = null;
        try {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (body != null && body.startsWith("{")) {
                JsonNode node = JSON.readTree(body);
                String typeUri = node.path("type").asText(null);
                type = typeUri == null ? null : typeUri.substring(typeUri.lastIndexOf('/') + 1);
                if (typeUri != null && !typeUri.startsWith(BASE) && !typeUri.contains("/problems/")) {
                    type = null;
                }
                if (status != 401 && status != 403) {
                    title = node.path("title").asText(title);
                }
                detail = node.path("detail").asText(null);
            }
        } catch (Exception e) {
            // not JSON: the status says enough
        }
        return new UpstreamException(status, type, title, detail);
    }

    private static String defaultTitle(int status) {
        return switch (status) {
            case 401 -> "The console's API key was not accepted (CONSOLE_API_KEY)";
            case 403 -> "The console's API key lacks the role for this (it must be an admin key)";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            default -> "HTTP " + status;
        };
    }
}
