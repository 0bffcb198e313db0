package com.wawindow.tracker.repository;

import com.wawindow.tracker.entity.ProcessedMessage;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.time.ZoneOffset;
import java.time.Instant;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.hibernate.Session;

@ApplicationScoped
public class ProcessedMessageRepository implements PanacheRepositoryBase<ProcessedMessage, String> {

    /** Parameters: the instant, the sids as a text array; answers the sids that were new. */
    public static final String RECORD_FIRST_SEEN = """
            insert into processed_message (message_sid, processed_at)
            select sid, ? from unnest(?::text[]) as sid
            on conflict do nothing returning message_sid""";

    /**
     * Records the message sids in one statement and answers which of them were new (not recorded before, by this or an
     * earlier batch). Must run in the transaction that applies them, so a rollback forgets them too.
     */
    public Set<String> recordFirstSeen(Collection<String> messageSids, Instant now) {
        Set<String> firstSeen = new HashSet<>(messageSids.size() * 2);
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(RECORD_FIRST_SEEN)) {
                insert.setObject(1, now.atOffset(ZoneOffset.UTC));
                insert.setArray(2, connection.createArrayOf("text", messageSids.toArray(String[]::new)));
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        firstSeen.add(rs.getString(1));
                    }
                }
            }
        });
        return firstSeen;
    }

    /**
     * Whether this transaction now holds the pruning's advisory lock (held until it ends); false while another
     * tracker's pruning holds it.
     */
    public boolean tryLockPruning() {
        return (Boolean) getEntityManager()
                .createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtext('tracker.processed-message-pruning'))")
                .getSingleResult();
    }

    public long deleteProcessedBefore(Instant cutoff) {
        return delete("processedAt < ?1", cutoff);
    }
}
