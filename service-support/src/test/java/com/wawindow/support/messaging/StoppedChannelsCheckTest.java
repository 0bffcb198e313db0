package com.wawindow.support.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wawindow.support.messaging.StoppedChannelsCheck.FailedChannel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class StoppedChannelsCheckTest {

    private final List<FailedChannel> failing = new ArrayList<>();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final StoppedChannelsCheck check = new StoppedChannelsCheck("test.channels.stopped", registry, () -> failing) {
    };

    private double gauge() {
        return registry.get("test.channels.stopped").gauge().value();
    }

    @Test
    void theCopiesOfAConcurrentChannelAreOneChannel() {
        assertEquals(0.0, gauge());
        assertEquals(HealthCheckResponse.Status.UP, check.call().getStatus());
        failing.add(new FailedChannel("inbound-messages$1", "closed"));
        failing.add(new FailedChannel("inbound-messages$2", "closed"));
        failing.add(new FailedChannel("inbound-messages", "application failure"));
        assertEquals(1.0, gauge(), "one configured channel stopped");
        assertEquals(HealthCheckResponse.Status.DOWN, check.call().getStatus());
        failing.add(new FailedChannel("window-expired", "closed"));
        assertEquals(2.0, gauge());
    }

    @Test
    void onlyADigitSuffixNamesACopy() {
        assertEquals("inbound-messages", StoppedChannelsCheck.configured("inbound-messages$12"));
        assertEquals("price$", StoppedChannelsCheck.configured("price$"));
        assertEquals("a$b", StoppedChannelsCheck.configured("a$b"));
        assertEquals("$1", StoppedChannelsCheck.configured("$1"));
    }
}
