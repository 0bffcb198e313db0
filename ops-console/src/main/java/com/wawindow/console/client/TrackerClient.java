package com.wawindow.console.client;

import java.util.List;
import com.wawindow.console.client.TrackerApi.ContactCounts;
import com.wawindow.console.client.TrackerApi.ContactPage;
import com.wawindow.console.client.TrackerApi.ContactWindow;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** window-tracker behind a retry of reads that found no answer (a restart, a dropped connection). */
@ApplicationScoped
public class TrackerClient {

    private static final String NAME = "window-tracker";
    private final TrackerApi api;

    public TrackerClient(@RestClient TrackerApi api) {
        this.api = api;
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public ContactPage contacts(ContactQuery q) {
        return Calls.to(NAME, () -> api.contacts(q.state(), q.lastMessageAfter(), q.lastMessageBefore(), q.optedOut(),
                q.sort(), q.limit(), q.cursor(), q.search()));
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public long count(String state, String lastMessageAfter, String lastMessageBefore, String optedOut) {
        return Calls.to(NAME, () -> api.count(state, lastMessageAfter, lastMessageBefore, optedOut)).count();
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public List<TrackerApi.InboundMessage> messages(String contactId, int limit) {
        return Calls.to(NAME, () -> api.messages(contactId, limit));
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public ContactWindow window(String contactId) {
        return Calls.to(NAME, () -> api.window(contactId));
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public ContactCounts stats() {
        return Calls.to(NAME, api::stats);
    }

    /** The query of {@code GET /contacts}, as the tracker spells its parameters. */
    public record ContactQuery(String state, String lastMessageAfter, String lastMessageBefore, String optedOut,
            String sort, Integer limit, String cursor, String search) {
    }
}
