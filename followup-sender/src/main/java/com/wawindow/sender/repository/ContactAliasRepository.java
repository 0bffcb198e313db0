package com.wawindow.sender.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Business-scoped user ids merged into phone contacts ({@code contact_alias}); the first phone seen keeps the alias. */
@ApplicationScoped
public class ContactAliasRepository {

    @Inject
    EntityManager entityManager;

    /** @return whether the alias is new */
    public boolean record(String aliasId, String contactId, Instant at) {
        return entityManager.createNativeQuery("INSERT INTO contact_alias (alias_id, contact_id, merged_at) "
                        + "VALUES (:alias, :contact, :at) ON CONFLICT DO NOTHING")
                .setParameter("alias", aliasId)
                .setParameter("contact", contactId)
                .setParameter("at", at)
                .executeUpdate() == 1;
    }

    public Optional<String> contactOf(String aliasId) {
        @SuppressWarnings("unchecked")
        List<String> found = entityManager.createNativeQuery("SELECT contact_id FROM contact_alias WHERE alias_id = :alias")
                .setParameter("alias", aliasId)
                .getResultList();
        return found.stream().findFirst();
    }
}
