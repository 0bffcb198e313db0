package com.wawindow.sender.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;

/**
 * Jobs that run once across sender instances, in the database's clock: a lease row per scheduled job
 * ({@code job_lease}), and transaction-scoped advisory locks for work that must not run twice at the same time.
 */
@ApplicationScoped
public class JobLeaseRepository {

    private final EntityManager entityManager;

    public JobLeaseRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Takes the job's turn when it is due: true for exactly one caller until {@code every} has passed, whichever
     * instance that is.
     */
    public boolean tryStart(String job, Duration every) {
        return entityManager.createNativeQuery("""
                INSERT INTO job_lease (job, next_run_at) VALUES (:job, clock_timestamp() + make_interval(secs => :secs))
                ON CONFLICT (job) DO UPDATE SET next_run_at = EXCLUDED.next_run_at
                WHERE job_lease.next_run_at <= clock_timestamp()""")
                .setParameter("job", job)
                .setParameter("secs", every.toMillis() / 1000.0)
                .executeUpdate() == 1;
    }

    /** Waits until no other instance's transaction holds {@code name}, then holds it until this transaction ends. */
    public void lockForTransaction(String name) {
        entityManager.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtext(:name))) AS locked")
                .setParameter("name", "sender." + name)
                .getSingleResult();
    }
}
