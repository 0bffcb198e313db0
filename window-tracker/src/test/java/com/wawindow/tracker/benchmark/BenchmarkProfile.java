package com.wawindow.tracker.benchmark;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/**
 * Production window lengths and expiry settings, so the benchmark measures the defaults; {@code -Dbench.consumers=N}
 * (the inbound channel's copies, production's {@code concurrency} when absent) and {@code -Dbench.max-poll-records=N}
 * try other consumer settings.
 */
public class BenchmarkProfile implements QuarkusTestProfile {

    static final String CONSUMERS = System.getProperty("bench.consumers");
    static final String MAX_POLL_RECORDS = System.getProperty("bench.max-poll-records", "500");

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(Map.of(
                "window-duration", "PT24H",
                "window-expiring-soon-lead", "PT1H",
                "entry-point-window-duration", "PT72H",
                "expiry.poll-interval", "1s",
                "expiry.batch-size", "500",
                "expiry.workers", "2",
                // lets the benchmark hold the consumer while it publishes, to time the apply path alone
                "mp.messaging.incoming.inbound-messages.pausable", "true",
                "mp.messaging.incoming.inbound-messages.max.poll.records", MAX_POLL_RECORDS,
                "quarkus.log.category.\"org.apache.kafka\".level", "WARN"));
        if (CONSUMERS != null) {
            overrides.put("mp.messaging.incoming.inbound-messages.concurrency", CONSUMERS);
        }
        return overrides;
    }
}
