package com.wawindow.sender.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Business-scoped user ids merged into phone contacts ({@code contact_alias}); the first phone seen keeps the alias.
 * Each call is one statement for a whole batch of inbound messages.
 */
@ApplicationScoped
public class ContactAliasRepository {

    @Inject
    EntityManager entityManager;

    /**
     * Records each alias not recorded yet.
     * @param aliases alias id to contact id
     * @return the alias ids this call recorded
     */
    public Set<String> recordNew(Map<String, String> aliases, Instant at) {
        if (aliases.isEmpty()) {
            return Set.of();
        }
        @SuppressWarnings("unchecked")
        List<String> recorded = entityManager.createNativeQuery("""
                INSERT INTO contact_alias (alias_id, contact_id, merged_at)
                SELECT a.alias_id, a.contact_id, :at FROM unnest(CAST(:aliases AS TEXT[]), CAST(:contacts AS TEXT[]))
                    AS a(alias_id, contact_id)
                ORDER BY a.alias_id
                ON CONFLICT DO NOTHING RETURNING alias_id""")
                .setParameter("at", at)
                .setParameter("aliases", aliases.keySet().toArray(String[]::new))
                .setParameter("contacts", aliases.values().toArray(String[]::new))
                .getResultList();
        return Set.copyOf(recorded);
    }

    /** The contact each of these alias ids stands for; an id that is no alias is absent. */
    public Map<String, String> targets(Collection<String> aliasIds) {
        if (aliasIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                        "SELECT alias_id, contact_id FROM contact_alias WHERE alias_id = ANY (CAST(:ids AS TEXT[]))")
                .setParameter("ids", aliasIds.toArray(String[]::new))
                .getResultList();
        return rows.stream().collect(Collectors.toMap(r -> (String) r[0], r -> (String) r[1], (a, b) -> a, HashMap::new));
    }

    public Optional<String> contactOf(String aliasId) {
        return Optional.ofNullable(targets(List.of(aliasId)).get(aliasId));
    }
}
