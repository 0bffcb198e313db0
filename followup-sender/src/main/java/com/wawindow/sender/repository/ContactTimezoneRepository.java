package com.wawindow.sender.repository;

import com.wawindow.sender.entity.ContactTimezone;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class ContactTimezoneRepository implements PanacheRepositoryBase<ContactTimezone, String> {

    /** The zone a contact's quiet hours are reckoned in, when set by hand. */
    public Optional<String> overrideOf(String contactId) {
        return findByIdOptional(contactId).map(override -> override.zoneId);
    }

    /** Sets (or replaces) the contact's zone override. */
    public void setOverride(String contactId, String zoneId) {
        Optional<ContactTimezone> existing = findByIdOptional(contactId);
        if (existing.isPresent()) {
            existing.get().zoneId = zoneId;
            return;
        }
        ContactTimezone created = new ContactTimezone();
        created.contactId = contactId;
        created.zoneId = zoneId;
        persist(created);
    }
}
