package com.wawindow.support.database;

import com.wawindow.support.failure.Causes;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * Whether PostgreSQL is reachable, as a service's consumers and scheduled work see it: a failure while the database
 * does not answer is an outage (they wait), and so is a broken connection while it answers; any other failure while
 * it answers is theirs to handle, unless it only says that no connection was free in time ({@link #isBusy}: they wait
 * too). Logs one WARN when the database goes away and one
 * INFO when it is back, however many callers notice.
 */
@ApplicationScoped
public class DatabaseAvailability {

    /**
     * Agroal's messages when no connection came within the acquisition timeout (they have no SQLSTATE): none of the
     * pool's came free, or a new one was not open yet (PostgreSQL slow to accept under load).
     */
    static final Set<String> POOL_ACQUISITION_TIMEOUTS = Set.of("Sorry, acquisition timeout!",
            "Acquisition timeout while waiting for new connection");
    /** PostgreSQL's admin_shutdown, crash_shutdown and cannot_connect_now: the server ends or refuses sessions. */
    static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");
    /** PostgreSQL's too_many_connections: the server's max_connections are all in use. */
    static final String TOO_MANY_CONNECTIONS = "53300";

    private final DatabaseProbe probe;
    private final AtomicBoolean away = new AtomicBoolean();

    public DatabaseAvailability(DatabaseProbe probe) {
        this.probe = probe;
    }

    /** Cheap while the database is known to be up; probes it while it is known to be away. */
    public boolean isAvailable() {
        if (!away.get()) {
            return true;
        }
        if (!probe.answers()) {
            return false;
        }
        if (away.compareAndSet(true, false)) {
            Log.info("PostgreSQL answers again: consumers and scheduled work resume");
        }
        return true;
    }

    /**
     * After a database operation failed: true when the caller should wait and try again instead of treating its work
     * as failed. Either PostgreSQL does not answer (the database is marked away), or it answers but the failure was the
     * connection's ({@link #isConnectionLoss}): a pooled connection that a restart of the server broke fails once it is
     * used, after the server is back, and the next try gets another one.
     */
    public boolean isOutage(Throwable failure) {
        if (probe.answers()) {
            return isConnectionLoss(failure);
        }
        if (away.compareAndSet(false, true)) {
            Log.warnf("PostgreSQL does not answer (%s): consumers and scheduled work wait for it",
                    rootCause(failure));
        }
        return true;
    }

    /**
     * Whether a failure only says that no connection was free in time: the pool's acquisition timeout (Agroal's
     * "Sorry, acquisition timeout!" or "Acquisition timeout while waiting for new connection", e.g. under Hibernate's
     * "Unable to acquire JDBC Connection") or PostgreSQL's own connection limit (SQLSTATE 53300). The database answers and the work was not even started, so the caller waits
     * and tries again; it is neither an outage (nothing is marked away) nor the work's failure.
     */
    public boolean isBusy(Throwable failure) {
        return anySqlCause(failure, sql -> POOL_ACQUISITION_TIMEOUTS.contains(sql.getMessage())
                || TOO_MANY_CONNECTIONS.equals(sql.getSQLState()));
    }

    /**
     * Whether a failure says that the connection broke, not the work: SQLSTATE class 08 (connection exception; the
     * driver's "An I/O error occurred while sending to the backend" is 08006) or the server terminating sessions as it
     * shuts down or restarts (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now).
     */
    public boolean isConnectionLoss(Throwable failure) {
        return anySqlCause(failure, sql -> sql.getSQLState() != null
                && (sql.getSQLState().startsWith("08") || SERVER_GOING_AWAY.contains(sql.getSQLState())));
    }

    /** Whether the failure or any of its causes is an SQLException that {@code test} accepts. */
    private static boolean anySqlCause(Throwable failure, Predicate<SQLException> test) {
        return Causes.first(failure, cause -> cause instanceof SQLException sql && test.test(sql)).isPresent();
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = Causes.root(failure);
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
