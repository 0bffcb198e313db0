package com.wawindow.tracker.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import org.hibernate.Session;

/**
 * {@code contact_alias}: which phone contact a business-scoped user id ({@code bsuid:<id>}) became, and the advisory
 * locks that keep a bsuid's messages and its merge from passing each other.
 */
@ApplicationScoped
public class ContactAliasRepository {

    /** Parameters: the instant, the alias ids, their contact ids; answers the aliases that were new. */
    public static final String RECORD = """
            insert into contact_alias (alias_id, contact_id, merged_at)
            select a.alias_id, a.contact_id, ? from unnest(?::text[], ?::text[]) as a(alias_id, contact_id)
            order by a.alias_id
            on conflict do nothing returning alias_id""";

    /**
     * One transaction-scoped advisory lock per alias id, in the arrays' order (the caller sorts them, so two batches
     * never wait for each other in a circle): exclusive where the flag is true, shared otherwise. The two-key form, so
     * these never meet a single-key lock such as the pruning's.
     */
    static final String LOCK = """
            select case when l.exclusive then pg_advisory_xact_lock(hashtext('tracker.contact-alias'), hashtext(l.alias_id))
                        else pg_advisory_xact_lock_shared(hashtext('tracker.contact-alias'), hashtext(l.alias_id)) end
            from unnest(?::text[], ?::boolean[]) as l(alias_id, exclusive)""";

    private static final String TARGETS = "select alias_id, contact_id from contact_alias where alias_id = any (?)";

    private final EntityManager entityManager;

    public ContactAliasRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Records each alias that is not recorded yet, in one statement; an alias already recorded keeps its contact.
     *
     * @param aliases alias id to contact id
     * @return the alias ids this call recorded
     */
    public Set<String> recordNew(Map<String, String> aliases, Instant now) {
        Set<String> recorded = new HashSet<>();
        String[] ids = aliases.keySet().toArray(String[]::new);
        String[] targets = aliases.values().toArray(String[]::new);
        session().doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(RECORD)) {
                insert.setObject(1, now.atOffset(ZoneOffset.UTC));
                insert.setArray(2, connection.createArrayOf("text", ids));
                insert.setArray(3, connection.createArrayOf("text", targets));
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        recorded.add(rs.getString(1));
                    }
                }
            }
        });
        return recorded;
    }

    /**
     * Takes the locks until the transaction ends, in one statement.
     *
     * @param exclusive alias id to whether the lock is exclusive, in the order to take them
     */
    public void lock(SortedMap<String, Boolean> exclusive) {
        if (exclusive.isEmpty()) {
            return;
        }
        String[] ids = exclusive.keySet().toArray(String[]::new);
        Boolean[] modes = exclusive.values().toArray(Boolean[]::new);
        session().doWork(connection -> {
            try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
                lock.setArray(1, connection.createArrayOf("text", ids));
                lock.setArray(2, connection.createArrayOf("boolean", modes));
                try (ResultSet rs = lock.executeQuery()) {
                    while (rs.next()) {
                        // each row is one lock taken
                    }
                }
            }
        });
    }

    /** The contact each of these alias ids stands for; an id that is no alias is absent. */
    public Map<String, String> targets(Collection<String> aliasIds) {
        Map<String, String> targets = new HashMap<>();
        if (aliasIds.isEmpty()) {
            return targets;
        }
        session().doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(TARGETS)) {
                select.setArray(1, connection.createArrayOf("text", aliasIds.toArray(String[]::new)));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        targets.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
        });
        return targets;
    }

    public Optional<String> target(String aliasId) {
        return Optional.ofNullable(targets(List.of(aliasId)).get(aliasId));
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }
}
