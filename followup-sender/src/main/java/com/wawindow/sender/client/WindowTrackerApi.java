package com.wawindow.sender.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * window-tracker's contact API as the sender uses it ({@code quarkus.rest-client.window-tracker.url}). Every call
 * carries the tracker key ({@link TrackerCredentials}). Callers go through {@link WindowTrackerClient}, which adds
 * timeouts, retries and a circuit breaker.
 */
@Path("/contacts")
@Produces(MediaType.APPLICATION_JSON)
@RegisterRestClient(configKey = "window-tracker")
@RegisterClientHeaders(TrackerCredentials.class)
public interface WindowTrackerApi {

    /** {@code GET /contacts/{contactId}/window}, the fields the sender uses. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ContactWindow(String contactId, String state, Instant lastMessageAt, Instant expiresAt,
            boolean optedOut, String profileName, String contactAddress, EntryPoint entryPoint) {

        public ContactWindow(String contactId, String state, Instant lastMessageAt, Instant expiresAt, boolean optedOut,
                String profileName, String contactAddress) {
            this(contactId, state, lastMessageAt, expiresAt, optedOut, profileName, contactAddress, null);
        }

        public boolean open() {
            return "OPEN".equalsIgnoreCase(state);
        }

        public boolean entryPointOpen() {
            return entryPoint != null && entryPoint.open();
        }
    }

    /** The free 72-hour entry point window (click-to-WhatsApp ad). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record EntryPoint(boolean open, Instant expiresAt) {
    }

    /** One contact of a segment page. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SegmentContact(String contactId, String contactAddress, String profileName, String state,
            Instant lastMessageAt, Instant expiresAt, boolean optedOut, Instant entryPointExpiresAt) {

        public SegmentContact(String contactId, String contactAddress, String profileName, String state,
                Instant lastMessageAt, Instant expiresAt, boolean optedOut) {
            this(contactId, contactAddress, profileName, state, lastMessageAt, expiresAt, optedOut, null);
        }

        public boolean open() {
            return "OPEN".equalsIgnoreCase(state);
        }

        /** Whether the free entry point window is open at {@code at}. */
        public boolean entryPointOpenAt(Instant at) {
            return entryPointExpiresAt != null && entryPointExpiresAt.isAfter(at);
        }
    }

    /** {@code GET /contacts?...}: one page and the cursor of the next (null on the last). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page(List<SegmentContact> items, String nextCursor) {
        public Page {
            items = items == null ? List.of() : items;
        }
    }

    /** {@code GET /contacts/count?...}: how many contacts a segment holds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SegmentCount(long count, Instant countedAt) {
    }

    /** 404 when the tracker has seen no message from the contact. */
    @GET
    @Path("/{contactId}/window")
    ContactWindow window(@PathParam("contactId") String contactId);

    @GET
    @Path("/count")
    SegmentCount count(@QueryParam("state") String state, @QueryParam("lastMessageAfter") String lastMessageAfter,
            @QueryParam("lastMessageBefore") String lastMessageBefore, @QueryParam("optedOut") boolean optedOut);

    /** A page of a segment; null parameters are left out of the query. */
    @GET
    Page contacts(@QueryParam("state") String state, @QueryParam("lastMessageAfter") String lastMessageAfter,
            @QueryParam("lastMessageBefore") String lastMessageBefore, @QueryParam("optedOut") boolean optedOut,
            @QueryParam("sort") String sort, @QueryParam("limit") int limit, @QueryParam("cursor") String cursor);
}
