package com.wawindow.console.client;

import com.wawindow.console.config.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Asks a service's {@code /q/health/ready} (open on every service, no key needed). */
@ApplicationScoped
public class HealthProbe {

    private final HttpClient http;
    private final ConsoleConfig config;

    public HealthProbe(ConsoleConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.healthTimeout()).build();
    }

    /**
     * The service's Prometheus page ({@code /q/metrics}, open on the internal network like health), for the few
     * figures the overview shows from it.
     * @return the page, or empty when the service did not answer
     */
    public java.util.Optional<String> metrics(String baseUrl) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                    .timeout(config.healthTimeout()).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? java.util.Optional.of(response.body()) : java.util.Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** @return the HTTP status of the readiness check, or 0 when the service did not answer. */
    public int ready(String baseUrl) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                    .timeout(config.healthTimeout()).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | IllegalArgumentException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
