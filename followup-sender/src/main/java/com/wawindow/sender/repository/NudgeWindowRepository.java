package com.wawindow.sender.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/**
 * The windows a NUDGE rule decided on ({@code nudge_window}): nudged, held out or dropped, and whether the contact
 * replied before the window's deadline, for the comparison of the two arms.
 */
@ApplicationScoped
public class NudgeWindowRepository {

    /** What became of a window a nudge rule passed every check for. */
    public enum Arm { NUDGED, HOLDOUT, DROPPED }

    /** One rule's arms over a range. */
    public record ArmCounts(long ruleId, Arm arm, long windows, long replied) {
    }

    @Inject
    EntityManager entityManager;

    public void record(UUID windowEventId, long ruleId, String contactId, Instant lastMessageAt, Instant expiresAt, Arm arm,
            Long dispatchId, Instant now) {
        entityManager.createNativeQuery("""
                INSERT INTO nudge_window (window_event_id, rule_id, contact_id, last_message_at, expires_at, arm,
                    dispatch_id, decided_at)
                VALUES (:window, :rule, :contact, :lastMessageAt, :expiresAt, :arm, :dispatch, :now)
                ON CONFLICT DO NOTHING""")
                .unwrap(NativeQuery.class)
                .setParameter("window", windowEventId, StandardBasicTypes.UUID)
                .setParameter("rule", ruleId, StandardBasicTypes.LONG)
                .setParameter("contact", contactId, StandardBasicTypes.STRING)
                .setParameter("lastMessageAt", lastMessageAt, StandardBasicTypes.INSTANT)
                .setParameter("expiresAt", expiresAt, StandardBasicTypes.INSTANT)
                .setParameter("arm", arm.name(), StandardBasicTypes.STRING)
                .setParameter("dispatch", dispatchId, StandardBasicTypes.LONG)
                .setParameter("now", now, StandardBasicTypes.INSTANT)
                .executeUpdate();
    }

    /** A nudge that could not go out in time after all: it counts in neither arm. */
    public void dropped(UUID windowEventId, long ruleId) {
        entityManager.createNativeQuery("UPDATE nudge_window SET arm = 'DROPPED' WHERE window_event_id = :window"
                        + " AND rule_id = :rule")
                .setParameter("window", windowEventId)
                .setParameter("rule", ruleId)
                .executeUpdate();
    }

    /**
     * The contact wrote at {@code at}: every window of theirs decided before it and not yet past its deadline was kept
     * open by a reply. One statement for a whole batch of messages.
     */
    public int replied(List<String> contactIds, List<Instant> at) {
        if (contactIds.isEmpty()) {
            return 0;
        }
        return entityManager.createNativeQuery("""
                UPDATE nudge_window n SET replied_at = m.at
                FROM (SELECT contact_id, min(at) AS at FROM unnest(CAST(:contacts AS TEXT[]), CAST(:ats AS TIMESTAMPTZ[]))
                        AS u(contact_id, at) GROUP BY contact_id) m
                WHERE n.contact_id = m.contact_id AND n.replied_at IS NULL AND n.decided_at <= m.at
                    AND n.expires_at > m.at""")
                .setParameter("contacts", contactIds.toArray(String[]::new))
                .setParameter("ats", at.stream().map(Instant::toString).toArray(String[]::new))
                .executeUpdate();
    }

    public List<ArmCounts> counts(Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                SELECT rule_id, arm, count(*), count(replied_at) FROM nudge_window
                WHERE decided_at >= :from AND decided_at < :to GROUP BY rule_id, arm ORDER BY rule_id, arm""")
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList();
        List<ArmCounts> counts = new ArrayList<>();
        for (Object[] r : rows) {
            counts.add(new ArmCounts(((Number) r[0]).longValue(), Arm.valueOf((String) r[1]), ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue()));
        }
        return counts;
    }
}
