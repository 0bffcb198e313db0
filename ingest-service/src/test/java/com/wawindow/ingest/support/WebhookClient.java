package com.wawindow.ingest.support;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Posts webhooks to the application under test as raw bytes, so tests control every byte and header. */
public final class WebhookClient {

    public static final String FORM = "application/x-www-form-urlencoded";
    /** The token the test profile configures: the one of Twilio's published signature example. */
    public static final String AUTH_TOKEN = "12345";
    public static final String SECONDARY_TOKEN = "secondary-token-0123456789";
    public static final String WHATSAPP = "/webhooks/twilio/whatsapp";
    public static final String STATUS = "/webhooks/twilio/status";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private WebhookClient() {
    }

    /** The URL the application is reached at, as the service rebuilds it from the Host header. */
    public static String localUrl(String pathAndQuery) {
        return "http://localhost:" + RestAssured.port + pathAndQuery;
    }

    /** A webhook signed with the primary token for the URL it is posted to. */
    public static HttpResponse<String> postSigned(String path, Form form) {
        return postSignedWith(AUTH_TOKEN, path, form);
    }

    public static HttpResponse<String> postSignedWith(String token, String path, Form form) {
        return post(path, FORM, form.encoded().getBytes(StandardCharsets.UTF_8),
                Map.of("X-Twilio-Signature", form.sign(token, localUrl(path))));
    }

    public static HttpResponse<String> post(String pathAndQuery, String contentType, byte[] body,
            Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(localUrl(pathAndQuery)))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
