package com.wawindow.sender.client;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import java.util.List;
import java.util.Map;

/**
 * The Twilio SDK has no base-URL setting (region and edge only change the twilio.com host), so this
 * client moves each request to the configured scheme, host and port, keeping path, query, form, headers
 * and auth, and hands it to the SDK's own {@link NetworkHttpClient}. Hosts it has no mapping for pass through.
 */
public class RebasingHttpClient extends HttpClient {

    private static final int MAX_CONNECTIONS = 200;

    private final Map<String, URI> baseByTwilioHost;
    private final NetworkHttpClient delegate;

    /** @param baseByTwilioHost e.g. {@code api.twilio.com -> http://127.0.0.1:8089} */
    public RebasingHttpClient(Map<String, URI> baseByTwilioHost) {
        this.baseByTwilioHost = Map.copyOf(baseByTwilioHost);
        // The SDK's defaults, but Apache HttpClient's automatic retry (once on 429 / 503) is off and the pool is
        // large enough for FOLLOWUP_MAX_MPS concurrent sends: every attempt goes through the sender's rate limiter.
        this.delegate = new NetworkHttpClient(HttpClientBuilder.create()
                .useSystemProperties()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultSocketConfig(DEFAULT_SOCKET_CONFIG)
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .build())
                .setDefaultRequestConfig(DEFAULT_REQUEST_CONFIG)
                .disableAutomaticRetries());
    }

    @Override
    public Response makeRequest(Request request) {
        URI original = URI.create(request.getUrl());
        URI base = baseByTwilioHost.get(original.getHost());
        if (base == null) {
            return delegate.makeRequest(request);
        }
        String rebased = base.getScheme() + "://" + base.getRawAuthority() + original.getRawPath();
        Request copy = new Request(request.getMethod(), rebased);
        if (request.getAuthStrategy() != null) {
            copy.setAuth(request.getAuthStrategy());
        } else if (request.getUsername() != null) {
            copy.setAuth(request.getUsername(), request.getPassword());
        }
        copy.setContentType(request.getContentType());
        copy.setBody(request.getBody());
        copy.setUserAgentExtensions(request.getUserAgentExtensions());
        copyParams(request.getQueryParams(), copy::addQueryParam);
        copyParams(request.getPostParams(), copy::addPostParam);
        copyParams(request.getHeaderParams(), copy::addHeaderParam);
        return delegate.makeRequest(copy);
    }

    /**
     * One attempt only: the SDK's own loop would retry 5xx three times without backoff, under the
     * sender's retry policy (which backs off, classifies Twilio's error codes and counts attempts).
     */
    @Override
    public Response reliableRequest(Request request) {
        return makeRequest(request);
    }

    private static void copyParams(Map<String, List<String>> params, ParamSink sink) {
        params.forEach((name, values) -> values.forEach(value -> sink.add(name, value)));
    }

    @FunctionalInterface
    private interface ParamSink {
        void add(String name, String value);
    }
}
