package com.wawindow.sender.repository;

import com.wawindow.sender.entity.ContactActivity;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

@ApplicationScoped
public class ContactActivityRepository implements PanacheRepositoryBase<ContactActivity, String> {

    /** Keeps the newest inbound time and its MessageSid; a redelivered or late message never moves it back. */
    public void recordInbound(String contactId, Instant at, String messageSid) {
        getEntityManager().createNativeQuery("""
                INSERT INTO contact_activity (contact_id, last_inbound_at, last_inbound_sid) VALUES (:id, :at, :sid)
                ON CONFLICT (contact_id) DO UPDATE SET last_inbound_at = EXCLUDED.last_inbound_at,
                    last_inbound_sid = EXCLUDED.last_inbound_sid
                WHERE contact_activity.last_inbound_at < EXCLUDED.last_inbound_at""")
                .unwrap(NativeQuery.class)
                .setParameter("id", contactId, StandardBasicTypes.STRING)
                .setParameter("at", at, StandardBasicTypes.INSTANT)
                .setParameter("sid", messageSid, StandardBasicTypes.STRING)
                .executeUpdate();
    }

    /**
     * Whether the contact wrote after the message that opened a window ({@code openedAt}, {@code openingSid}), i.e.
     * a new conversation started: a later copy of that opening message itself is no reply.
     */
    public boolean wroteAfter(String contactId, Instant openedAt, String openingSid) {
        return findByIdOptional(contactId)
                .map(activity -> activity.lastInboundAt.isAfter(openedAt)
                        && (openingSid == null || !openingSid.equals(activity.lastInboundSid)))
                .orElse(false);
    }
}
