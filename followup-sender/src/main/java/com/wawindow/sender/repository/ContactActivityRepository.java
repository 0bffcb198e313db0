package com.wawindow.sender.repository;

import com.wawindow.sender.entity.ContactActivity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

@ApplicationScoped
public class ContactActivityRepository implements PanacheRepositoryBase<ContactActivity, String> {

    /** Keeps the newest inbound time; a redelivered or late message never moves it back. */
    public void recordInbound(String contactId, Instant at) {
        getEntityManager().createNativeQuery("""
                INSERT INTO contact_activity (contact_id, last_inbound_at) VALUES (:id, :at)
                ON CONFLICT (contact_id) DO UPDATE SET last_inbound_at = GREATEST(contact_activity.last_inbound_at, EXCLUDED.last_inbound_at)""")
                .unwrap(NativeQuery.class)
                .setParameter("id", contactId, StandardBasicTypes.STRING)
                .setParameter("at", at, StandardBasicTypes.INSTANT)
                .executeUpdate();
    }

    /** Whether the contact wrote after {@code instant}, i.e. a new conversation started. */
    public boolean wroteAfter(String contactId, Instant instant) {
        return findByIdOptional(contactId).map(activity -> activity.lastInboundAt.isAfter(instant)).orElse(false);
    }
}
