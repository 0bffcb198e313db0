package com.wawindow.sender.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/** The {@code sender_instance} table: which sender processes are alive (claim recovery reads it). */
@ApplicationScoped
public class SenderInstanceRepository {

    private final EntityManager entityManager;

    public SenderInstanceRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Records that the instance was alive at {@code now}. */
    public void recordHeartbeat(UUID instanceId, Instant now) {
        entityManager.createNativeQuery("""
                INSERT INTO sender_instance (instance_id, heartbeat_at) VALUES (:instance, :now)
                ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = EXCLUDED.heartbeat_at""")
                .unwrap(NativeQuery.class)
                .setParameter("instance", instanceId, StandardBasicTypes.UUID)
                .setParameter("now", now, StandardBasicTypes.INSTANT)
                .executeUpdate();
    }
}
