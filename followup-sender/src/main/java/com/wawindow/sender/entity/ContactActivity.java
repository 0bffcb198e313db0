package com.wawindow.sender.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** When the contact last wrote to the business: a reply cancels pending follow-ups and counts in the stats. */
@Entity
@Table(name = "contact_activity")
public class ContactActivity {

    @Id
    @Column(name = "contact_id")
    public String contactId;
    @Column(name = "last_inbound_at")
    public Instant lastInboundAt;
    /** The MessageSid of that newest message (null for messages seen before it was kept). */
    @Column(name = "last_inbound_sid")
    public String lastInboundSid;
}
