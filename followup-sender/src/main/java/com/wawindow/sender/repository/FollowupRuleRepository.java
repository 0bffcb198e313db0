package com.wawindow.sender.repository;

import com.wawindow.sender.entity.FollowupRule;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class FollowupRuleRepository implements PanacheRepository<FollowupRule> {

    public List<FollowupRule> enabledInOrder() {
        return list("enabled", Sort.by("id"), true);
    }

    public List<FollowupRule> allInOrder() {
        return listAll(Sort.by("id"));
    }

    public Optional<FollowupRule> findByName(String name) {
        return find("name", name).firstResultOptional();
    }
}
