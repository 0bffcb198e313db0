package com.wawindow.tracker.repository;

import com.wawindow.tracker.entity.ProcessedMessage;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;

@ApplicationScoped
public class ProcessedMessageRepository implements PanacheRepositoryBase<ProcessedMessage, String> {

    /**
     * Records the message sids in one round trip and answers, for each, whether it was new. Must run in the
     * transaction that applies them, so a rollback forgets them too.
     */
    public List<Boolean> recordFirstSeen(List<String> messageSids, Instant now) {
        List<Boolean> firstSeen = new ArrayList<>(messageSids.size());
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into processed_message (message_sid, processed_at) values (?, ?) on conflict do nothing")) {
                for (String sid : messageSids) {
                    insert.setString(1, sid);
                    insert.setObject(2, now.atOffset(ZoneOffset.UTC));
                    insert.addBatch();
                }
                for (int count : insert.executeBatch()) {
                    firstSeen.add(count > 0);
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
