package com.wawindow.infra;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The business metrics each service exposes on {@code /q/metrics}, as Prometheus names. One list for both sides: each
 * service's tests assert its names appear (so the list cannot run ahead of the code), and {@code ComposeFileTest}
 * asserts the Grafana dashboard asks only for names listed here (so the dashboard cannot ask for a metric nobody
 * exposes).
 */
public final class ExposedMetrics {

    public static final Map<String, List<String>> BY_SERVICE = Map.of(
            "ingest-service", List.of(
                    "ingest_webhooks_accepted_total",
                    "ingest_webhooks_duplicates_total",
                    "ingest_webhooks_rejected_total",
                    "ingest_publish_latency_seconds_bucket"),
            "window-tracker", List.of(
                    "tracker_contacts",
                    "window_event_lateness_seconds_bucket",
                    "window_event_lateness_seconds_count",
                    "window_event_lateness_seconds",
                    "tracker_channels_stopped",
                    "tracker_inbound_watermark_lag_seconds",
                    "tracker_dead_letters_total",
                    "kafka_consumer_fetch_manager_records_lag_max"),
            "followup-sender", List.of(
                    "sender_decisions_total",
                    "sender_dead_letters_total",
                    "sender_channels_stopped",
                    "kafka_consumer_fetch_manager_records_lag_max"));

    private ExposedMetrics() {
    }

    /** @return the names of {@code service} that have no sample on this metrics page */
    public static List<String> missing(String service, String metricsPage) {
        return BY_SERVICE.get(service).stream()
                .filter(name -> !Pattern.compile("(?m)^" + Pattern.quote(name) + "[{ ]").matcher(metricsPage).find())
                .toList();
    }

    /** Every name of every service. */
    public static List<String> all() {
        return BY_SERVICE.values().stream().flatMap(List::stream).distinct().sorted().toList();
    }
}
