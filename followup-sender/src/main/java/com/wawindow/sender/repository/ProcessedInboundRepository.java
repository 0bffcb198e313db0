package com.wawindow.sender.repository;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/** The inbound MessageSids already applied ({@code processed_inbound}): the first sighting of a message wins. */
@ApplicationScoped
public class ProcessedInboundRepository {

    /** @return true when this MessageSid was not seen before (and is now recorded), false for a redelivery */
    public boolean recordFirstSeen(String messageSid, String contactId, Instant receivedAt, Instant now) {
        return Panache.getEntityManager().createNativeQuery("""
                INSERT INTO processed_inbound (message_sid, contact_id, received_at, processed_at)
                VALUES (:sid, :contact, :received, :now) ON CONFLICT (message_sid) DO NOTHING""")
                .unwrap(NativeQuery.class)
                .setParameter("sid", messageSid, StandardBasicTypes.STRING)
                .setParameter("contact", contactId, StandardBasicTypes.STRING)
                .setParameter("received", receivedAt, StandardBasicTypes.INSTANT)
                .setParameter("now", now, StandardBasicTypes.INSTANT)
                .executeUpdate() == 1;
    }

    /** Forgets the MessageSids applied before {@code cutoff}; returns how many. */
    public long deleteProcessedBefore(Instant cutoff) {
        return Panache.getEntityManager().createNativeQuery("DELETE FROM processed_inbound WHERE processed_at < :cutoff")
                .unwrap(NativeQuery.class)
                .setParameter("cutoff", cutoff, StandardBasicTypes.INSTANT)
                .executeUpdate();
    }
}
