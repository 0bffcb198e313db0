package com.wawindow.sender.client;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.config.CharCodingConfig;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The Twilio SDK has no base-URL setting (region and edge only change the twilio.com host), so this
 * client moves each request to the configured scheme, host and port, keeping path, query, form, headers
 * and auth, and hands it to the SDK's own {@link NetworkHttpClient}. Hosts it has no mapping for pass through.
 */
public class RebasingHttpClient extends HttpClient {

    private static final int MAX_CONNECTIONS = 200;

    private final Map<String, URI> baseByTwilioHost;
    private final NetworkHttpClient delegate;

    /** With the SDK's read timeout (30 s). */
    public RebasingHttpClient(Map<String, URI> baseByTwilioHost) {
        this(baseByTwilioHost, Duration.ofMillis(DEFAULT_SOCKET_CONFIG.getSoTimeout().toMilliseconds()));
    }

    /**
     * @param baseByTwilioHost e.g. {@code api.twilio.com -> http://127.0.0.1:8089}
     * @param readTimeout how long one request waits for Twilio's answer (the socket timeout): an unanswered create
     *        is an outcome-unknown attempt after this, and the claim lease must outlast it
     */
    public RebasingHttpClient(Map<String, URI> baseByTwilioHost, Duration readTimeout) {
        this.baseByTwilioHost = Map.copyOf(baseByTwilioHost);
        // The SDK's defaults, but Apache HttpClient's automatic retry (once on 429 / 503) is off and the pool is
        // large enough for FOLLOWUP_MAX_MPS concurrent sends: every attempt goes through the sender's rate limiter.
        this.delegate = new NetworkHttpClient(HttpClientBuilder.create()
                .useSystemProperties()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultSocketConfig(SocketConfig.copy(DEFAULT_SOCKET_CONFIG)
                                .setSoTimeout(Timeout.ofMilliseconds(readTimeout.toMillis())).build())
                        .setConnectionFactory(new ManagedHttpClientConnectionFactory(Http1Config.DEFAULT,
                                CharCodingConfig.DEFAULT, SendSlotCheck.requestWriters(), null))
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .build())
                .setDefaultRequestConfig(DEFAULT_REQUEST_CONFIG)
                .addExecInterceptorBefore(ChainElement.CONNECT.name(), "send-slot", new SendSlotCheck())
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
        // the SDK also puts a query in the URL itself (a next page: PageSize, Page, PageToken); it becomes parameters
        // of the copy, so the copy's URL is built once, with one '?'
        queryOf(original).forEach(pair -> copy.addQueryParam(pair[0], pair[1]));
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

    private static List<String[]> queryOf(URI url) {
        String query = url.getRawQuery();
        if (query == null || query.isEmpty()) {
            return List.of();
        }
        return java.util.Arrays.stream(query.split("&")).filter(pair -> !pair.isEmpty()).map(pair -> {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            return new String[] {decode(name), decode(value)};
        }).toList();
    }

    private static String decode(String text) {
        return java.net.URLDecoder.decode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void copyParams(Map<String, List<String>> params, ParamSink sink) {
        params.forEach((name, values) -> values.forEach(value -> sink.add(name, value)));
    }

    @FunctionalInterface
    private interface ParamSink {
        void add(String name, String value);
    }
}
