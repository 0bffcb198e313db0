package com.wawindow.sender.repository;

import com.wawindow.sender.entity.FollowupDecision;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class FollowupDecisionRepository implements PanacheRepository<FollowupDecision> {

    public FollowupDecision record(FollowupDecision decision, Instant now) {
        decision.decidedAt = now;
        persist(decision);
        return decision;
    }

    /**
     * Takes the one decision row of a (window, rule) ({@code followup_window_decision}); false when it was taken before
     * (a redelivered event), so the caller changes nothing.
     */
    public boolean firstWindowDecision(UUID windowEventId, long ruleId, Instant now) {
        return getEntityManager().createNativeQuery("INSERT INTO followup_window_decision (window_event_id, rule_id, "
                        + "decided_at) VALUES (:window, :rule, :now) ON CONFLICT DO NOTHING")
                .setParameter("window", windowEventId)
                .setParameter("rule", ruleId)
                .setParameter("now", now)
                .executeUpdate() == 1;
    }

    public List<FollowupDecision> forContact(String contactId, int limit) {
        return find("contactId", Sort.descending("decidedAt", "id"), contactId).page(0, limit).list();
    }
}
