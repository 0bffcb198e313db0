package com.wawindow.sender.repository;

import com.wawindow.sender.entity.ContactConsent;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

@ApplicationScoped
public class ContactConsentRepository implements PanacheRepositoryBase<ContactConsent, String> {

    /** Records a consent change unless a newer one is already known (events may arrive out of order). */
    public void record(String contactId, boolean optedOut, String reason, Instant at) {
        getEntityManager().createNativeQuery("""
                INSERT INTO contact_consent (contact_id, opted_out, reason, changed_at) VALUES (:id, :out, :reason, :at)
                ON CONFLICT (contact_id) DO UPDATE SET opted_out = EXCLUDED.opted_out, reason = EXCLUDED.reason,
                    changed_at = EXCLUDED.changed_at
                WHERE contact_consent.changed_at <= EXCLUDED.changed_at""")
                .unwrap(NativeQuery.class)
                .setParameter("id", contactId, StandardBasicTypes.STRING)
                .setParameter("out", optedOut, StandardBasicTypes.BOOLEAN)
                .setParameter("reason", reason, StandardBasicTypes.STRING)
                .setParameter("at", at, StandardBasicTypes.INSTANT)
                .executeUpdate();
    }

    public boolean isOptedOut(String contactId) {
        return findByIdOptional(contactId).map(consent -> consent.optedOut).orElse(false);
    }
}
