package com.wawindow.tracker.messaging;

import com.wawindow.support.messaging.StoppedChannelsCheck;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/** Readiness DOWN and the gauge {@code tracker_channels_stopped} while a channel of this service has stopped for good. */
@Readiness
@Startup
@Singleton
public class StoppedChannels extends StoppedChannelsCheck {

    public StoppedChannels(HealthCenter health, MeterRegistry registry) {
        super("tracker.channels.stopped", registry, () -> health.getLiveness().getChannels().stream()
                .filter(channel -> !channel.isOk())
                .map(channel -> new FailedChannel(channel.getChannel(), channel.getMessage()))
                .toList());
    }
}
