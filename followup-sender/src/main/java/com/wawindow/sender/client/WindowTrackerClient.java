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
import java.util.List;
import java.util.Optional;

/** window-tracker's API: is this contact's window open right now, and which contacts form a segment. */
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

    /** A segment of contacts in the tracker's terms; opted-out contacts are always excluded. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Segment(String state, Instant lastMessageAfter, Instant lastMessageBefore) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SegmentContact(String contactId, String contactAddress, String profileName, String state,
            Instant lastMessageAt, Instant expiresAt, boolean optedOut) {
    }

    /** {@code GET /contacts?...}: one page and the cursor of the next (null on the last). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(List<SegmentContact> items, String nextCursor) {
        public Page {
            items = items == null ? List.of() : items;
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

    public Page contacts(Segment segment, String cursor, int limit) {
        StringBuilder query = new StringBuilder("optedOut=false&limit=").append(limit);
        if (segment.state() != null) {
            query.append("&state=").append(encode(segment.state()));
        }
        if (segment.lastMessageAfter() != null) {
            query.append("&lastMessageAfter=").append(encode(segment.lastMessageAfter().toString()));
        }
        if (segment.lastMessageBefore() != null) {
            query.append("&lastMessageBefore=").append(encode(segment.lastMessageBefore().toString()));
        }
        if (cursor != null) {
            query.append("&cursor=").append(encode(cursor));
        }
        HttpResponse<String> response = get(URI.create(base() + "/contacts?" + query));
        if (response.statusCode() != 200) {
            throw new TrackerUnavailableException("window-tracker answered " + response.statusCode() + " for a segment", null);
        }
        return read(response.body(), Page.class);
    }

    /** @return empty when the tracker does not know the contact (404) */
    public Optional<ContactWindow> window(String contactId) {
        HttpResponse<String> response = get(URI.create(base() + "/contacts/" + encode(contactId) + "/window"));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new TrackerUnavailableException("window-tracker answered " + response.statusCode(), null);
        }
        return Optional.of(read(response.body(), ContactWindow.class));
    }

    private String base() {
        return config.url().replaceAll("/+$", "");
    }

    private HttpResponse<String> get(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new TrackerUnavailableException("window-tracker unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrackerUnavailableException("interrupted while asking window-tracker", e);
        }
    }

    private static <T> T read(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new TrackerUnavailableException("window-tracker answered something unreadable: " + e.getMessage(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
