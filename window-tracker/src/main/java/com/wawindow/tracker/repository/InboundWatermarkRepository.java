package com.wawindow.tracker.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.hibernate.Session;

/**
 * The {@code inbound_watermark} rows (migration V4): how far each inbound partition is applied, shared by every tracker
 * instance, in the caller's transaction.
 */
@ApplicationScoped
public class InboundWatermarkRepository {

    private final EntityManager entityManager;

    public InboundWatermarkRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Moves each given partition's watermark forward to its instant (never back), and gives partitions
     * {@code 0..partitionCount-1} that have no row yet one at '-infinity', in one statement.
     */
    public void advance(int partitionCount, Map<Integer, Instant> appliedThrough, String reportedBy) {
        Integer[] partitions = appliedThrough.keySet().toArray(Integer[]::new);
        String[] instants = new String[partitions.length];
        for (int i = 0; i < partitions.length; i++) {
            instants[i] = appliedThrough.get(partitions[i]).toString();
        }
        session().doWork(connection -> {
            try (PreparedStatement advance = connection.prepareStatement("""
                    insert into inbound_watermark (partition_id, applied_through, reported_by, reported_at)
                    select coalesce(u.p, s.p), coalesce(u.t, '-infinity'), ?, now()
                    from generate_series(0, ? - 1) s(p)
                    full join unnest(?::integer[], ?::timestamptz[]) u(p, t) on u.p = s.p
                    on conflict (partition_id) do update set
                        applied_through = greatest(inbound_watermark.applied_through, excluded.applied_through),
                        reported_by = case when excluded.applied_through > inbound_watermark.applied_through
                                      then excluded.reported_by else inbound_watermark.reported_by end,
                        reported_at = case when excluded.applied_through > inbound_watermark.applied_through
                                      then excluded.reported_at else inbound_watermark.reported_at end""")) {
                advance.setString(1, reportedBy);
                advance.setInt(2, partitionCount);
                advance.setArray(3, connection.createArrayOf("integer", partitions));
                advance.setArray(4, connection.createArrayOf("text", instants));
                advance.executeUpdate();
            }
        });
    }

    /**
     * The instant before which every inbound partition is applied: the smallest watermark; empty while some partition
     * has none yet, or no partition has a row at all.
     */
    public Optional<Instant> appliedThroughAll() {
        return session().doReturningWork(connection -> {
            try (PreparedStatement query = connection.prepareStatement("""
                    select case when min(applied_through) = '-infinity' then null else min(applied_through) end
                    from inbound_watermark""");
                    ResultSet row = query.executeQuery()) {
                row.next();
                return Optional.ofNullable(row.getObject(1, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
            }
        });
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }
}
