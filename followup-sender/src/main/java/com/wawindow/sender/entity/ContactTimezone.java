package com.wawindow.sender.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A contact's own timezone, overriding the one derived from the phone's country code. */
@Entity
@Table(name = "contact_timezone")
public class ContactTimezone {

    @Id
    @Column(name = "contact_id")
    public String contactId;
    @Column(name = "zone_id")
    public String zoneId;
}
