package com.wawindow.console.service;

import com.wawindow.console.client.SenderApi;
import com.wawindow.console.client.SenderClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Templates with their approval and what became of their messages (the delivery funnel) over the last 30 days. */
@ApplicationScoped
public class TemplateCatalog {

    static final Duration FUNNEL_PERIOD = Duration.ofDays(30);

    private final SenderClient sender;
    private final Clock clock;

    public TemplateCatalog(SenderClient sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    public record Entry(SenderApi.Template template, SenderApi.Stats funnel) {
    }

    public List<Entry> all() {
        Instant to = clock.instant().plusSeconds(1);
        Instant from = to.minus(FUNNEL_PERIOD);
        return sender.templates().stream().map(t -> new Entry(t, sender.templateStats(t.id(), from, to))).toList();
    }
}
