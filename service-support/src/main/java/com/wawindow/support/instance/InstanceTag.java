package com.wawindow.support.instance;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which instance of the service this process is, when several run side by side: every metric carries it as the
 * tag {@code instance} (INSTANCE_ID, else host name and HTTP port), and readiness names it.
 */
@Singleton
public class InstanceTag {

    private final String id;

    public InstanceTag(@ConfigProperty(name = "instance.id") Optional<String> configured,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        this.id = configured.filter(s -> !s.isBlank()).map(String::trim).orElseGet(() -> host() + ":" + port);
    }

    public String id() {
        return id;
    }

    @Produces
    @Singleton
    MeterFilter instanceTag() {
        return MeterFilter.commonTags(List.of(Tag.of("instance", id)));
    }

    /** Readiness names the instance that answered, so a probe through a load balancer tells which one it was. */
    @Readiness
    @Singleton
    static class InstanceReadiness implements HealthCheck {

        private final InstanceTag instance;

        InstanceReadiness(InstanceTag instance) {
            this.instance = instance;
        }

        @Override
        public HealthCheckResponse call() {
            return HealthCheckResponse.named("instance").up().withData("id", instance.id()).build();
        }
    }

    private static String host() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
