package com.wawindow.ingest.service;

import com.wawindow.support.problem.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Meters per webhook kind: {@code ingest_webhooks_accepted_total}, {@code ingest_webhooks_duplicates_total},
 * {@code ingest_webhooks_rejected_total{reason}} and the {@code ingest_publish_latency_seconds} histogram.
 */
@Singleton
public class WebhookMetrics {

    private final Map<WebhookKind, Counter> accepted = new EnumMap<>(WebhookKind.class);
    private final Map<WebhookKind, Counter> duplicates = new EnumMap<>(WebhookKind.class);
    private final Map<WebhookKind, Map<ProblemType, Counter>> rejected = new EnumMap<>(WebhookKind.class);
    private final Map<WebhookKind, Timer> publishLatency = new EnumMap<>(WebhookKind.class);
    private final Counter ignoredEvents;

    public WebhookMetrics(MeterRegistry registry) {
        for (WebhookKind kind : WebhookKind.values()) {
            accepted.put(kind, Counter.builder("ingest.webhooks.accepted")
                    .description("Webhooks answered 200 after the broker acknowledged their event")
                    .tag("webhook", kind.tag()).register(registry));
            duplicates.put(kind, Counter.builder("ingest.webhooks.duplicates")
                    .description("Accepted webhooks whose MessageSid (and status) was accepted recently already")
                    .tag("webhook", kind.tag()).register(registry));
            Map<ProblemType, Counter> byReason = new HashMap<>();
            for (ProblemType refusal : IngestProblems.WEBHOOK_REFUSALS) {
                byReason.put(refusal, Counter.builder("ingest.webhooks.rejected")
                        .description("Webhooks refused, by reason (the problem type's slug)")
                        .tag("webhook", kind.tag()).tag("reason", refusal.slug()).register(registry));
            }
            rejected.put(kind, byReason);
            publishLatency.put(kind, Timer.builder("ingest.publish.latency")
                    .description("From handing the event to the producer to the broker's acknowledgement")
                    .tag("webhook", kind.tag())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry));
        }
        ignoredEvents = Counter.builder("ingest.events.ignored")
                .description("Event Streams events of a type ingest does not publish (only template approval updates)")
                .register(registry);
    }

    /** Event Streams events of another type than template approval updates: taken (200), not published. */
    public void ignoredEvents(int count) {
        ignoredEvents.increment(count);
    }

    public void accepted(WebhookKind kind, boolean duplicate) {
        accepted.get(kind).increment();
        if (duplicate) {
            duplicates.get(kind).increment();
        }
    }

    /** @param refusal one of {@link IngestProblems#WEBHOOK_REFUSALS} */
    public void rejected(WebhookKind kind, ProblemType refusal) {
        rejected.get(kind).get(refusal).increment();
    }

    public void publishLatency(WebhookKind kind, long nanos) {
        publishLatency.get(kind).record(Duration.ofNanos(nanos));
    }
}
