package com.wawindow.tracker;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in tests (it replaces the kit's default {@code Clock} bean): real time plus an offset that
 * tests move forward, so a window closes when a test says so instead of after a real wait. The offset only grows, so
 * every test's instants stay in order.
 */
@Singleton
public class TestClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    /** Now, at the microsecond precision PostgreSQL keeps, so instants read back compare equal. */
    public Instant now() {
        return instant().truncatedTo(ChronoUnit.MICROS);
    }

    public void advance(Duration duration) {
        offset.accumulateAndGet(duration, Duration::plus);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the tracker decides in UTC");
    }
}
