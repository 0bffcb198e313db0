package com.wawindow.tracker.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The operators' environment variables reach the mapping as they always did; the defaults are the mapping's own. */
class TrackerConfigTest {

    @Test
    void theDefaultsAreStatedInTheMapping() {
        TrackerConfig config = config(Map.of());
        assertEquals(Duration.ofHours(24), config.windowDuration());
        assertEquals(Duration.ofHours(72), config.entryPointWindowDuration());
        assertEquals(Duration.ofHours(1), config.windowExpiringSoonLead());
        assertEquals(Duration.ofDays(7), config.processedMessageRetention());
        assertEquals(Duration.ofSeconds(1), config.expiry().pollInterval());
        assertEquals(500, config.expiry().batchSize());
        assertEquals(2, config.expiry().workers());
        assertEquals(Duration.ofSeconds(30), config.expiry().sendTimeout());
        assertTrue(config.expiringSoonEnabled());
    }

    @Test
    void everyKeyIsItsFamiliarEnvironmentVariable() {
        TrackerConfig config = config(Map.of("WINDOW_DURATION", "PT2M", "ENTRY_POINT_WINDOW_DURATION", "PT5M",
                "WINDOW_EXPIRING_SOON_LEAD", "PT0S", "PROCESSED_MESSAGE_RETENTION", "P1D",
                "EXPIRY_POLL_INTERVAL", "200ms", "EXPIRY_BATCH_SIZE", "50", "EXPIRY_WORKERS", "3",
                "EXPIRY_SEND_TIMEOUT", "PT5S"));
        assertEquals(Duration.ofMinutes(2), config.windowDuration());
        assertEquals(Duration.ofMinutes(5), config.entryPointWindowDuration());
        assertFalse(config.expiringSoonEnabled(), "a zero lead disables window-expiring-soon");
        assertEquals(Duration.ofDays(1), config.processedMessageRetention());
        assertEquals(Duration.ofMillis(200), config.expiry().pollInterval());
        assertEquals(50, config.expiry().batchSize());
        assertEquals(3, config.expiry().workers());
        assertEquals(Duration.ofSeconds(5), config.expiry().sendTimeout());
    }

    private static TrackerConfig config(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .addDiscoveredConverters()
                .withMapping(TrackerConfig.class)
                .withSources(new EnvConfigSource(environment, 300))
                .build();
        return config.getConfigMapping(TrackerConfig.class);
    }
}
