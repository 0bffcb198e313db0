package com.wawindow.support.messaging;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * A messaging channel that has stopped for good (its consumer closed after a fatal failure, e.g. a record left
 * unacknowledged past {@code throttled.unprocessed-record-max-age.ms}, as a database outage over 10 min does) never
 * comes back without a restart. The connector's own liveness check then reports DOWN, so an orchestrator restarts the
 * instance; this check makes readiness DOWN too, so no traffic is routed to it meanwhile, and a gauge counts such
 * channels.
 * <p>
 * Each consuming service declares it as a {@code @Readiness} bean that reads SmallRye's {@code HealthCenter}
 * liveness (window-tracker's and followup-sender's {@code StoppedChannels}); this class takes the failing channels as
 * a supplier, so service-support itself does not depend on the messaging provider.
 */
public abstract class StoppedChannelsCheck implements HealthCheck {

    /** A channel the messaging provider reports as not OK, with its message. */
    public record FailedChannel(String name, String message) {
    }

    private final Supplier<List<FailedChannel>> failing;

    protected StoppedChannelsCheck(String gaugeName, MeterRegistry registry, Supplier<List<FailedChannel>> failing) {
        this.failing = failing;
        Gauge.builder(gaugeName, this, StoppedChannelsCheck::count)
                .description("Messaging channels that failed for good (liveness DOWN); only a restart brings them back")
                .register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        List<FailedChannel> stopped = stopped();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("stopped messaging channels").status(stopped.isEmpty());
        stopped.forEach(channel -> response.withData(channel.name(), String.valueOf(channel.message())));
        return response.build();
    }

    private double count() {
        return stopped().size();
    }

    private List<FailedChannel> stopped() {
        // a channel can be reported more than once (by its connector and as an application failure, and by each of
        // its copies "name$1", "name$2" where it has a concurrency): one entry per channel of the configuration
        Map<String, FailedChannel> byName = new LinkedHashMap<>();
        failing.get().forEach(channel -> byName.putIfAbsent(configured(channel.name()), channel));
        return List.copyOf(byName.values());
    }

    /** The channel's name as configured: a copy of a concurrent channel ({@code inbound-messages$2}) is its channel. */
    static String configured(String name) {
        int copy = name.lastIndexOf('$');
        boolean copyIndex = copy > 0 && copy < name.length() - 1
                && name.substring(copy + 1).chars().allMatch(Character::isDigit);
        return copyIndex ? name.substring(0, copy) : name;
    }
}
