package com.wawindow.tracker.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A contact and its windows, as the newest inbound message left them. Written only by the native upsert
 * and the expiry engine in {@link com.wawindow.tracker.repository.ContactRepository}; read through Panache.
 */
@Entity
@Table(name = "contact")
public class Contact {

    @Id
    @Column(name = "contact_id")
    public String contactId;

    @Column(name = "contact_address")
    public String contactAddress;

    @Column(name = "business_address")
    public String businessAddress;

    @Column(name = "profile_name")
    public String profileName;

    @Column(name = "first_seen_at")
    public Instant firstSeenAt;

    @Column(name = "last_message_at")
    public Instant lastMessageAt;

    @Column(name = "last_message_sid")
    public String lastMessageSid;

    @Column(name = "inbound_count")
    public long inboundCount;

    @Column(name = "window_expires_at")
    public Instant windowExpiresAt;

    @Column(name = "entry_point_expires_at")
    public Instant entryPointExpiresAt;

    @Column(name = "opted_out")
    public boolean optedOut;

    @Column(name = "consent_changed_at")
    public Instant consentChangedAt;

    @Column(name = "expiry_due_at")
    public Instant expiryDueAt;

    @Column(name = "expiring_soon_due_at")
    public Instant expiringSoonDueAt;

    @Column(name = "expired_emitted_at")
    public Instant expiredEmittedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
