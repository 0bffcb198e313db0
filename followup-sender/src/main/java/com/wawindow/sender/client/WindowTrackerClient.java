package com.wawindow.sender.client;

import com.wawindow.sender.client.WindowTrackerApi.ContactWindow;
import com.wawindow.sender.client.WindowTrackerApi.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * window-tracker's API with fault tolerance: each call times out, is retried a few times and, when the tracker keeps
 * failing, the circuit opens so callers fail fast. Whatever goes wrong ends as {@link TrackerUnavailableException}:
 * the caller must not guess a window's state. The annotations hold the production values; a profile overrides them as
 * {@code com.wawindow.sender.client.WindowTrackerClient/Retry/...} (the test profile does).
 */
@ApplicationScoped
@Timeout(5000)
@Retry(maxRetries = 2, delay = 200, jitter = 100)
@CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10_000)
public class WindowTrackerClient {

    /** The tracker did not answer usefully. */
    public static class TrackerUnavailableException extends RuntimeException {
        TrackerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final WindowTrackerApi api;

    public WindowTrackerClient(@RestClient WindowTrackerApi api) {
        this.api = api;
    }

    /** @return empty when the tracker does not know the contact (404) */
    @Fallback(fallbackMethod = "windowUnavailable")
    public Optional<ContactWindow> window(String contactId) {
        try {
            return Optional.of(api.window(contactId));
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * One page of contacts with this state and last message time, opted-out contacts excluded, in contact id order:
     * a contact who writes while the pages are read keeps its place, so none is skipped or read twice.
     */
    @Fallback(fallbackMethod = "pageUnavailable")
    public Page contacts(String state, Instant lastMessageAfter, Instant lastMessageBefore, String cursor, int limit) {
        return api.contacts(state, text(lastMessageAfter), text(lastMessageBefore), false, "contactId", limit, cursor);
    }

    /** How many contacts a segment holds (opted-out excluded), as {@link #contacts} would page through them. */
    @Fallback(fallbackMethod = "countUnavailable")
    public long count(String state, Instant lastMessageAfter, Instant lastMessageBefore) {
        return api.count(state, text(lastMessageAfter), text(lastMessageBefore), false).count();
    }

    long countUnavailable(String state, Instant lastMessageAfter, Instant lastMessageBefore) {
        throw new TrackerUnavailableException("window-tracker did not answer a segment count (after retries)", null);
    }

    Optional<ContactWindow> windowUnavailable(String contactId) {
        throw new TrackerUnavailableException("window-tracker did not answer the window state (after retries)", null);
    }

    Page pageUnavailable(String state, Instant lastMessageAfter, Instant lastMessageBefore, String cursor, int limit) {
        throw new TrackerUnavailableException("window-tracker did not answer a segment page (after retries)", null);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
