package com.wawindow.sender.client;

import com.wawindow.sender.config.WindowTrackerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** {@code Authorization: Bearer <WINDOW_TRACKER_API_KEY>} on every call to the tracker (viewer role there). */
@ApplicationScoped
public class TrackerCredentials implements ClientHeadersFactory {

    private final String authorization;

    public TrackerCredentials(WindowTrackerConfig config) {
        this.authorization = config.apiKey().map(String::trim).filter(key -> !key.isEmpty())
                .map(key -> "Bearer " + key).orElse(null);
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incomingHeaders,
            MultivaluedMap<String, String> clientOutgoingHeaders) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        if (authorization != null) {
            headers.putSingle(HttpHeaders.AUTHORIZATION, authorization);
        }
        return headers;
    }
}
