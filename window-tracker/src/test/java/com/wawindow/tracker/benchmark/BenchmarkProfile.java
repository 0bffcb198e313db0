package com.wawindow.tracker.benchmark;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Production window lengths and expiry settings, so the benchmark measures the defaults. */
public class BenchmarkProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "window-duration", "PT24H",
                "window-expiring-soon-lead", "PT1H",
                "entry-point-window-duration", "PT72H",
                "expiry.poll-interval", "1s",
                "expiry.batch-size", "500",
                "expiry.workers", "2",
                // lets the benchmark hold the consumer while it publishes, to time the apply path alone
                "mp.messaging.incoming.inbound-messages.pausable", "true",
                "quarkus.log.category.\"org.apache.kafka\".level", "WARN");
    }
}
