package com.wawindow.sender.repository;

import com.wawindow.sender.entity.ContactTimezone;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ContactTimezoneRepository implements PanacheRepositoryBase<ContactTimezone, String> {
}
