package com.wawindow.console.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** window-tracker's API as the console reads it (base URL {@code console.tracker-url}). */
@RegisterRestClient(configKey = "tracker")
@RegisterClientHeaders(ApiKeyHeaders.class)
@RegisterProvider(ProblemResponseMapper.class)
@Path("/contacts")
@Produces(MediaType.APPLICATION_JSON)
public interface TrackerApi {

    @GET
    ContactPage contacts(@QueryParam("state") String state, @QueryParam("lastMessageAfter") String lastMessageAfter,
            @QueryParam("lastMessageBefore") String lastMessageBefore, @QueryParam("optedOut") String optedOut,
            @QueryParam("sort") String sort, @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor,
            @QueryParam("search") String search);

    /** The size of a segment: the same filters as {@link #contacts}. */
    @GET
    @Path("/count")
    SegmentCount count(@QueryParam("state") String state, @QueryParam("lastMessageAfter") String lastMessageAfter,
            @QueryParam("lastMessageBefore") String lastMessageBefore, @QueryParam("optedOut") String optedOut);

    @GET
    @Path("/{contactId}/messages")
    List<InboundMessage> messages(@PathParam("contactId") String contactId, @QueryParam("limit") int limit);

    @GET
    @Path("/{contactId}/window")
    ContactWindow window(@PathParam("contactId") String contactId);

    @GET
    @Path("/stats")
    ContactCounts stats();

    record ContactPage(List<Item> items, String nextCursor) {

        public record Item(String contactId, String contactAddress, String profileName, String state,
                Instant lastMessageAt, Instant expiresAt, boolean expiringSoon, boolean optedOut) {
        }
    }

    record ContactWindow(String contactId, String state, Instant lastMessageAt, Instant expiresAt, long secondsRemaining,
            boolean expiringSoon, EntryPoint entryPoint, boolean optedOut, String profileName, String contactAddress,
            String businessAddress, String lastMessageSid, Instant firstSeenAt, long inboundCount) {
    }

    record EntryPoint(boolean open, Instant expiresAt) {
    }

    record SegmentCount(long count, Instant countedAt) {
    }

    /** One inbound message the tracker holds; {@code preview} is null when it keeps no text. */
    record InboundMessage(String messageSid, Instant receivedAt, String messageType, int mediaCount, String preview) {
    }

    record ContactCounts(long open, long closed, long expiringSoon, long entryPointOpen, long optedOut, long total) {
    }
}
