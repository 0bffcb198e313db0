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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The at-a-glance page: contacts per window state, follow-ups today and per day, and every service's health. */
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

    public record Overview(TrackerApi.ContactCounts counts, String countsError, SenderApi.Stats today,
            String todayError, List<Day> days, List<Health> health) {
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
        try {
            todayStats = sender.followupStats(today.atStartOfDay().toInstant(ZoneOffset.UTC), now.plusSeconds(1));
            for (int back = DAYS - 1; back >= 0; back--) {
                LocalDate day = today.minusDays(back);
                Instant from = day.atStartOfDay().toInstant(ZoneOffset.UTC);
                SenderApi.Stats s = sender.followupStats(from, from.plus(Duration.ofDays(1)));
                days.add(new Day(day, s.sent(), s.delivered(), s.read(), s.failed(), s.repliedAfterFollowup()));
            }
        } catch (UpstreamException e) {
            todayError = ContactService.message(e);
        }
        return new Overview(counts, countsError, todayStats, todayError, days, health());
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
