package com.wawindow.sender.repository;

import com.wawindow.sender.entity.ScheduledFollowup;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

@ApplicationScoped
public class ScheduledFollowupRepository implements PanacheRepository<ScheduledFollowup> {

    /** @return false when this (window, rule) is already scheduled: a redelivered event schedules nothing new */
    public boolean schedule(UUID windowEventId, long ruleId, String contactId, Instant lastMessageAt, String eventJson,
            Instant dueAt, Instant now) {
        return getEntityManager().createNativeQuery("""
                INSERT INTO scheduled_followup (window_event_id, rule_id, contact_id, last_message_at, event_json, due_at,
                    state, created_at)
                VALUES (:window, :rule, :contact, :lastMessageAt, :event, :due, 'PENDING', :now)
                ON CONFLICT (window_event_id, rule_id) DO NOTHING""")
                .unwrap(NativeQuery.class)
                .setParameter("window", windowEventId, StandardBasicTypes.UUID)
                .setParameter("rule", ruleId, StandardBasicTypes.LONG)
                .setParameter("contact", contactId, StandardBasicTypes.STRING)
                .setParameter("lastMessageAt", lastMessageAt, StandardBasicTypes.INSTANT)
                .setParameter("event", eventJson, StandardBasicTypes.STRING)
                .setParameter("due", dueAt, StandardBasicTypes.INSTANT)
                .setParameter("now", now, StandardBasicTypes.INSTANT)
                .executeUpdate() > 0;
    }

    /**
     * Claims due follow-ups for {@code lease}: rows another instance holds are skipped (SKIP LOCKED), and a
     * claimed row is pushed past the lease, so if this instance dies before finishing, another picks it up
     * later (the dispatch dedupe key keeps that from sending twice).
     */
    @SuppressWarnings("unchecked")
    public List<ScheduledFollowup> claimDue(Instant now, int limit, Duration lease) {
        List<ScheduledFollowup> due = getEntityManager().createNativeQuery("""
                SELECT * FROM scheduled_followup WHERE state = 'PENDING' AND due_at <= :now
                ORDER BY due_at LIMIT :limit FOR UPDATE SKIP LOCKED""", ScheduledFollowup.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
        if (!due.isEmpty()) {
            update("dueAt = ?1 where id in ?2", now.plus(lease), due.stream().map(s -> s.id).toList());
        }
        return due;
    }

    public void finish(long id, ScheduledFollowup.State state, String reason) {
        update("state = ?1, reason = ?2 where id = ?3", state, reason, id);
    }

    /** A reply cancels what is pending for windows opened before it, for rules that stop on reply. */
    @SuppressWarnings("unchecked")
    public List<ScheduledFollowup> cancelOnReply(String contactId, Instant replyAt) {
        List<ScheduledFollowup> cancelled = getEntityManager().createNativeQuery("""
                UPDATE scheduled_followup s SET state = 'CANCELLED', reason = 'contact replied'
                FROM followup_rule r
                WHERE r.id = s.rule_id AND r.stop_on_reply AND s.contact_id = :contact AND s.state = 'PENDING'
                  AND s.last_message_at < :reply
                RETURNING s.*""", ScheduledFollowup.class)
                .setParameter("contact", contactId)
                .setParameter("reply", replyAt)
                .getResultList();
        return cancelled;
    }

    public long countPending() {
        return count("state", ScheduledFollowup.State.PENDING);
    }
}
