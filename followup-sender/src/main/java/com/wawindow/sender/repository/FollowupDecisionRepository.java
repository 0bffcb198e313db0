package com.wawindow.sender.repository;

import com.wawindow.sender.entity.FollowupDecision;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class FollowupDecisionRepository implements PanacheRepository<FollowupDecision> {

    public FollowupDecision record(FollowupDecision decision, Instant now) {
        decision.decidedAt = now;
        persist(decision);
        return decision;
    }

    public List<FollowupDecision> forContact(String contactId, int limit) {
        return find("contactId", Sort.descending("decidedAt", "id"), contactId).page(0, limit).list();
    }
}
