package com.wawindow.support.database;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Whether PostgreSQL is reachable, as a service's consumers and scheduled work see it: a failure while the database
 * does not answer is an outage (they wait), a failure while it answers is theirs to handle. Logs one WARN when the
 * database goes away and one INFO when it is back, however many callers notice.
 */
@ApplicationScoped
public class DatabaseAvailability {

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
     * After a database operation failed: true (and the database is marked away) when PostgreSQL does not answer,
     * so the caller waits instead of treating its work as failed.
     */
    public boolean isOutage(Throwable failure) {
        if (probe.answers()) {
            return false;
        }
        if (away.compareAndSet(false, true)) {
            Log.warnf("PostgreSQL does not answer (%s): consumers and scheduled work wait for it",
                    rootCause(failure));
        }
        return true;
    }

    private static String rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
