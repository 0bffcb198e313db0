package com.wawindow.sender.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wawindow.events.serde.EventJson;
import com.wawindow.sender.config.WindowTrackerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** window-tracker's API: is this contact's customer service window open right now? */
@ApplicationScoped
public class WindowTrackerClient {

    /** {@code GET /contacts/{contactId}/window}, the fields the sender uses. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ContactWindow(String contactId, String state, Instant lastMessageAt, Instant expiresAt,
            boolean optedOut, String profileName, String contactAddress) {

        public boolean open() {
            return "OPEN".equalsIgnoreCase(state);
        }
    }

    /** The tracker did not answer usefully; the caller must not guess. */
    public static class TrackerUnavailableException extends RuntimeException {
        TrackerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final ObjectMapper JSON = EventJson.MAPPER;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    WindowTrackerConfig config;

    /** @return empty when the tracker does not know the contact (404) */
    public Optional<ContactWindow> window(String contactId) {
        URI uri = URI.create(config.url().replaceAll("/+$", "") + "/contacts/"
                + URLEncoder.encode(contactId, StandardCharsets.UTF_8) + "/window");
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new TrackerUnavailableException("window-tracker answered " + response.statusCode(), null);
            }
            return Optional.of(JSON.readValue(response.body(), ContactWindow.class));
        } catch (IOException e) {
            throw new TrackerUnavailableException("window-tracker unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackerUnavailableException("interrupted while asking window-tracker", e);
        }
    }
}
