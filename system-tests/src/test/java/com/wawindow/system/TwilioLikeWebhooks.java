package com.wawindow.system;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Posts signed webhooks the way Twilio does for a webhook URL configured with the connection overrides the README
 * gives ({@code #rc=5&rp=5xx,ct,rt&rt=7000&tt=15000}): up to 5 retries on a 5xx, a connect failure or a read timeout
 * of 7 s, within 15 s in all (after the last attempt started), a 4xx is final. Twilio does not document the spacing
 * of its retries; here they come 1, 2, 3, ... s apart. Every retry of one webhook carries the same
 * {@code I-Twilio-Idempotency-Token} (Twilio does not say whether it does; the MessageSid is the same either way).
 */
final class TwilioLikeWebhooks implements AutoCloseable {

    static final int RETRIES = 5;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(7);
    static final Duration TOTAL = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).build();
    private final ScheduledExecutorService retries = Executors.newScheduledThreadPool(2);
    private final String url;
    private final String token;

    TwilioLikeWebhooks(String url, String token) {
        this.url = url;
        this.token = token;
    }

    /** One webhook and what became of it. */
    static final class Delivery {
        final String messageSid;
        final String kind;
        final String idempotencyToken = UUID.randomUUID().toString();
        final List<String> answers = new CopyOnWriteArrayList<>();
        final CompletableFuture<Delivery> done = new CompletableFuture<>();
        volatile Instant firstAttempt;
        volatile Instant lastAttempt;
        volatile Instant acknowledged;

        Delivery(String messageSid, String kind) {
            this.messageSid = messageSid;
            this.kind = kind;
        }

        boolean accepted() {
            return acknowledged != null;
        }

        int attempts() {
            return answers.size();
        }
    }

    /** Starts delivering {@code params}; {@link Delivery#done} completes once it was answered 200 or Twilio gave up. */
    Delivery deliver(Map<String, String> params, String kind) {
        Delivery delivery = new Delivery(params.get("MessageSid"), kind);
        String body = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(READ_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-Twilio-Signature", TwilioSignature.sign(token, url, params))
                .header("I-Twilio-Idempotency-Token", delivery.idempotencyToken)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        delivery.firstAttempt = Instant.now();
        attempt(delivery, request);
        return delivery;
    }

    private void attempt(Delivery delivery, HttpRequest request) {
        delivery.lastAttempt = Instant.now();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            String answer = failure != null ? failureName(failure) : String.valueOf(response.statusCode());
            delivery.answers.add(answer);
            if (failure == null && response.statusCode() == 200) {
                delivery.acknowledged = Instant.now();
                delivery.done.complete(delivery);
                return;
            }
            boolean retryable = failure != null || response.statusCode() >= 500;
            Duration spent = Duration.between(delivery.firstAttempt, Instant.now());
            int attempts = delivery.attempts();
            Duration pause = Duration.ofSeconds(attempts);
            if (retryable && attempts <= RETRIES && spent.plus(pause).compareTo(TOTAL) <= 0) {
                retries.schedule(() -> attempt(delivery, request), pause.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                delivery.done.complete(delivery); // Twilio gave up: not accepted
            }
        });
    }

    private static String failureName(Throwable failure) {
        Throwable cause = failure.getCause() != null && !(failure instanceof IOException) ? failure.getCause() : failure;
        return cause.getClass().getSimpleName();
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
