package com.wawindow.sender.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Whether a contact may receive follow-ups, as of the newest STOP / START or opt-out error the sender saw. */
@Entity
@Table(name = "contact_consent")
public class ContactConsent {

    @Id
    @Column(name = "contact_id")
    public String contactId;
    @Column(name = "opted_out")
    public boolean optedOut;
    public String reason;
    @Column(name = "changed_at")
    public Instant changedAt;
}
