package com.wawindow.sender.service;

import com.wawindow.support.database.DatabaseAvailability;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * While PostgreSQL is away, every other scheduled job of the sender (due follow-ups, claim recovery, template sync,
 * campaigns, heartbeat) is paused, and resumed once it answers again: they all work on the database, and a pass that
 * fails half-way only fills the log. The consumers wait on their own ({@code messaging.RecordIntake}); readiness
 * goes DOWN through the datasource's health check meanwhile.
 */
@ApplicationScoped
public class ScheduledJobsPause {

    static final String IDENTITY = "database-check";
    private static final int VALID_TIMEOUT_SECONDS = 2;

    private final DatabaseAvailability database;
    private final AgroalDataSource dataSource;
    private final Scheduler scheduler;
    private final List<String> paused = new ArrayList<>();

    public ScheduledJobsPause(DatabaseAvailability database, AgroalDataSource dataSource, Scheduler scheduler) {
        this.database = database;
        this.dataSource = dataSource;
        this.scheduler = scheduler;
    }

    @Scheduled(identity = IDENTITY, every = "${followup.database-check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void check() {
        boolean up = database.isAvailable() && answersThroughThePool();
        if (!up && paused.isEmpty()) {
            for (Trigger job : scheduler.getScheduledJobs()) {
                if (!IDENTITY.equals(job.getId()) && !scheduler.isPaused(job.getId())) {
                    scheduler.pause(job.getId());
                    paused.add(job.getId());
                }
            }
            Log.warnf("PostgreSQL is away: %d scheduled jobs paused until it answers", paused.size());
        } else if (up && !paused.isEmpty()) {
            paused.forEach(scheduler::resume);
            Log.infof("PostgreSQL answers: %d scheduled jobs resumed", paused.size());
            paused.clear();
        }
    }

    /** While the database is known to be up: one pooled connection's check (an outage marks it away). */
    private boolean answersThroughThePool() {
        try (Connection connection = dataSource.getConnection()) {
            if (connection.isValid(VALID_TIMEOUT_SECONDS)) {
                return true;
            }
            return !database.isOutage(new SQLException("connection not valid"));
        } catch (SQLException | RuntimeException e) {
            return !database.isOutage(e);
        }
    }
}
