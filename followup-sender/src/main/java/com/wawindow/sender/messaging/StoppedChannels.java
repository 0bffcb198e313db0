package com.wawindow.sender.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * As window-tracker's check of the same name (not shared through service-support: it needs the messaging provider,
 * which service-support's own Quarkus tests cannot have on their class path). A channel that has stopped for good (its
 * consumer closed after a fatal failure, e.g. a record left unacknowledged past
 * {@code throttled.unprocessed-record-max-age.ms}, as a database outage over 10 min does) never comes back without a
 * restart. The connector's own
 * liveness check then reports DOWN, so an orchestrator restarts the instance; this check makes readiness DOWN too, so
 * no traffic is routed to it meanwhile, and the gauge {@code sender_channels_stopped} counts such channels.
 */
@Readiness
@Startup
@ApplicationScoped
public class StoppedChannels implements HealthCheck {

    private final HealthCenter health;

    public StoppedChannels(HealthCenter health, MeterRegistry registry) {
        this.health = health;
        Gauge.builder("sender.channels.stopped", this, StoppedChannels::count)
                .description("Messaging channels that failed for good (liveness DOWN); only a restart brings them back")
                .register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        List<HealthReport.ChannelInfo> stopped = stopped();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("stopped messaging channels").status(stopped.isEmpty());
        stopped.forEach(channel -> response.withData(channel.getChannel(), String.valueOf(channel.getMessage())));
        return response.build();
    }

    private double count() {
        return stopped().size();
    }

    private List<HealthReport.ChannelInfo> stopped() {
        // a channel can be reported more than once (by its connector and as an application failure): one entry each
        Map<String, HealthReport.ChannelInfo> byName = new LinkedHashMap<>();
        health.getLiveness().getChannels().stream().filter(channel -> !channel.isOk())
                .forEach(channel -> byName.putIfAbsent(channel.getChannel(), channel));
        return List.copyOf(byName.values());
    }
}
