package com.wawindow.sender.service;

import com.wawindow.sender.repository.JobLeaseRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Duration;
import java.util.Locale;

/** Scheduled jobs that every instance schedules and one runs: the turn is a lease row in the database's clock. */
@ApplicationScoped
public class SingletonJobs {

    /** A turn is a little shorter than the schedule, so the holder's own next tick never just misses it. */
    private static final double TURN_OF_INTERVAL = 0.9;

    private final JobLeaseRepository leases;

    public SingletonJobs(JobLeaseRepository leases) {
        this.leases = leases;
    }

    /** True when this instance runs {@code job} now; false while another instance's turn lasts. */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean tryStart(String job, Duration interval) {
        return leases.tryStart(job, Duration.ofMillis((long) (interval.toMillis() * TURN_OF_INTERVAL)));
    }

    /** A Quarkus scheduler interval ({@code 15m}, {@code 5s}, or ISO-8601 {@code PT15M}) as a duration. */
    static Duration interval(String every) {
        String text = every.trim().toUpperCase(Locale.ROOT);
        return Duration.parse(text.startsWith("P") ? text : "PT" + text);
    }
}
