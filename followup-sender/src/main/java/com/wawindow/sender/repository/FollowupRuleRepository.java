package com.wawindow.sender.repository;

import com.wawindow.sender.entity.FollowupRule;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class FollowupRuleRepository implements PanacheRepository<FollowupRule> {

    /** The enabled FOLLOWUP rules: what goes after a window closed. */
    public List<FollowupRule> enabledInOrder() {
        return list("enabled = ?1 and kind = ?2", Sort.by("id"), true, FollowupRule.Kind.FOLLOWUP);
    }

    /** The enabled NUDGE rules: what goes shortly before a window closes. */
    public List<FollowupRule> enabledNudges() {
        return list("enabled = ?1 and kind = ?2", Sort.by("id"), true, FollowupRule.Kind.NUDGE);
    }

    public List<FollowupRule> allInOrder() {
        return listAll(Sort.by("id"));
    }

    public Optional<FollowupRule> findByName(String name) {
        return find("name", name).firstResultOptional();
    }
}
