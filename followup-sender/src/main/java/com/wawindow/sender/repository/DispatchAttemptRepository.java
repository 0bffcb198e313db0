package com.wawindow.sender.repository;

import com.wawindow.sender.entity.DispatchAttempt;
import com.wawindow.sender.entity.DispatchAttempt.Outcome;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/** The attempts of each dispatch ({@code dispatch_attempt}); start times are the database's own clock. */
@ApplicationScoped
public class DispatchAttemptRepository implements PanacheRepository<DispatchAttempt> {

    /** Records attempt {@code number} as IN_FLIGHT, started now in database time; returns that time. */
    public Instant start(long dispatchId, int number, UUID instanceId, String expectedBody) {
        Object started = getEntityManager().createNativeQuery("""
                INSERT INTO dispatch_attempt (dispatch_id, attempt_number, instance_id, started_at, outcome, expected_body)
                VALUES (:dispatch, :number, :instance, now(), 'IN_FLIGHT', :body) RETURNING started_at""")
                .unwrap(NativeQuery.class)
                .setParameter("dispatch", dispatchId)
                .setParameter("number", number)
                .setParameter("instance", instanceId, StandardBasicTypes.UUID)
                .setParameter("body", expectedBody, StandardBasicTypes.STRING)
                .getSingleResult();
        return DispatchRepository.instant(started);
    }

    public void finish(long dispatchId, int number, Outcome outcome, Integer httpStatus, String errorCode, String messageSid) {
        getEntityManager().createNativeQuery("""
                UPDATE dispatch_attempt SET outcome = :outcome, finished_at = now(), http_status = :status,
                    error_code = :code, message_sid = :sid
                WHERE dispatch_id = :dispatch AND attempt_number = :number""")
                .unwrap(NativeQuery.class)
                .setParameter("outcome", outcome.name())
                .setParameter("status", httpStatus, StandardBasicTypes.INTEGER)
                .setParameter("code", errorCode, StandardBasicTypes.STRING)
                .setParameter("sid", messageSid, StandardBasicTypes.STRING)
                .setParameter("dispatch", dispatchId)
                .setParameter("number", number)
                .executeUpdate();
    }

    /** The reconciliation of an unresolved attempt; keeps its original answer (status, code). */
    public void reconciled(long dispatchId, int number, Outcome outcome, String messageSid) {
        getEntityManager().createNativeQuery("""
                UPDATE dispatch_attempt SET outcome = :outcome, finished_at = coalesce(finished_at, now()),
                    message_sid = coalesce(:sid, message_sid)
                WHERE dispatch_id = :dispatch AND attempt_number = :number""")
                .unwrap(NativeQuery.class)
                .setParameter("outcome", outcome.name())
                .setParameter("sid", messageSid, StandardBasicTypes.STRING)
                .setParameter("dispatch", dispatchId)
                .setParameter("number", number)
                .executeUpdate();
    }

    public Optional<DispatchAttempt> last(long dispatchId) {
        return find("dispatchId", Sort.descending("attemptNumber"), dispatchId).firstResultOptional();
    }

    public List<DispatchAttempt> forDispatches(Collection<Long> dispatchIds) {
        if (dispatchIds.isEmpty()) {
            return List.of();
        }
        return find("dispatchId in ?1", Sort.ascending("dispatchId", "attemptNumber"), dispatchIds).list();
    }
}
