package com.wawindow.console.client;

import com.wawindow.console.config.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/** Adds the console's own key to every call to the tracker and the sender; the browser never sees it. */
@ApplicationScoped
public class ApiKeyHeaders implements ClientHeadersFactory {

    private final ConsoleConfig config;

    public ApiKeyHeaders(ConsoleConfig config) {
        this.config = config;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        config.apiKey().filter(key -> !key.isBlank())
                .ifPresent(key -> headers.putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + key.trim()));
        return headers;
    }
}
