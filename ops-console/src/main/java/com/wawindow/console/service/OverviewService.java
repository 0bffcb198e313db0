package com.wawindow.console.service;

import com.wawindow.console.client.HealthProbe;
import com.wawindow.console.client.SenderApi;
import com.wawindow.console.client.SenderClient;
import com.wawindow.console.client.TrackerApi;
import com.wawindow.console.client.TrackerClient;
import com.wawindow.console.client.UpstreamException;
import com.wawindow.console.config.ConsoleConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The at-a-glance page: contacts per window state, follow-ups today and per day, the in-window nudges against their
 * holdout, and every service's health.
 */
@ApplicationScoped
public class OverviewService {

    static final int DAYS = 7;

    private final TrackerClient tracker;
    private final SenderClient sender;
    private final HealthProbe health;
    private final ConsoleConfig config;
    private final Clock clock;

    public OverviewService(TrackerClient tracker, SenderClient sender, HealthProbe health, ConsoleConfig config,
            Clock clock) {
        this.tracker = tracker;
        this.sender = sender;
        this.health = health;
        this.config = config;
        this.clock = clock;
    }

    public record Health(String service, String url, boolean up, int status) {
    }

    /** One day of follow-ups (UTC), for the chart. */
    public record Day(LocalDate day, long sent, long delivered, long read, long failed, long replied) {
    }

    /**
     * Figures from the services' {@code /q/metrics}: the tracker's expiry lateness (median and p99 over the last minute
     * or so, per event; null when no event was emitted lately) and the largest consumer lag of each consuming service
     * (null when it did not answer).
     */
    public record Pipeline(Double expiredLatenessP50, Double expiredLatenessP99, Double trackerLag, Double senderLag) {
    }

    /** @param nudges the NUDGE rules over the chart's days; empty, with {@code nudgesError}, when the sender failed */
    public record Overview(TrackerApi.ContactCounts counts, String countsError, SenderApi.Stats today,
            String todayError, List<Day> days, List<SenderApi.NudgeStats> nudges, String nudgesError,
            List<Health> health, Pipeline pipeline) {
    }

    public Overview overview() {
        TrackerApi.ContactCounts counts = null;
        String countsError = null;
        try {
            counts = tracker.stats();
        } catch (UpstreamException e) {
            countsError = ContactService.message(e);
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        SenderApi.Stats todayStats = null;
        String todayError = null;
        List<Day> days = new ArrayList<>();
        Instant from = today.minusDays(DAYS - 1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant to = today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        try {
            todayStats = sender.followupStats(today.atStartOfDay().toInstant(ZoneOffset.UTC), now.plusSeconds(1));
            for (SenderApi.Day d : sender.followupsPerDay(from, to)) {
                days.add(new Day(d.day(), d.sent(), d.delivered(), d.read(), d.failed(), d.repliedAfterFollowup()));
            }
        } catch (UpstreamException e) {
            todayError = ContactService.message(e);
        }
        List<SenderApi.NudgeStats> nudges = List.of();
        String nudgesError = null;
        try {
            nudges = sender.nudgeStats(from, to);
        } catch (UpstreamException e) {
            nudgesError = ContactService.message(e);
        }
        return new Overview(counts, countsError, todayStats, todayError, days, nudges, nudgesError, health(), pipeline());
    }

    private Pipeline pipeline() {
        Optional<String> trackerPage = health.metrics(config.trackerUrl());
        Optional<String> senderPage = health.metrics(config.senderUrl());
        String expired = "event=\"window-expired\"";
        return new Pipeline(
                trackerPage.flatMap(p -> some(MetricsReading.max(p, "window_event_lateness_seconds", expired,
                        "quantile=\"0.5\""))).orElse(null),
                trackerPage.flatMap(p -> some(MetricsReading.max(p, "window_event_lateness_seconds", expired,
                        "quantile=\"0.99\""))).orElse(null),
                trackerPage.flatMap(p -> some(MetricsReading.max(p, "kafka_consumer_fetch_manager_records_lag_max")))
                        .orElse(null),
                senderPage.flatMap(p -> some(MetricsReading.max(p, "kafka_consumer_fetch_manager_records_lag_max")))
                        .orElse(null));
    }

    private static Optional<Double> some(java.util.OptionalDouble value) {
        return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
    }

    private List<Health> health() {
        List<Health> all = new ArrayList<>();
        all.add(probe("ingest-service", config.ingestUrl()));
        all.add(probe("window-tracker", config.trackerUrl()));
        all.add(probe("followup-sender", config.senderUrl()));
        return all;
    }

    private Health probe(String name, String url) {
        int status = health.ready(url);
        return new Health(name, url, status == 200, status);
    }
}
