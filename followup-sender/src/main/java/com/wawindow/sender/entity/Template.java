package com.wawindow.sender.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A WhatsApp template from Twilio's Content API and its approval state. */
@Entity
@Table(name = "template")
public class Template {

    public static final String APPROVED = "approved";

    /** Where the row came from. */
    public enum Source { CONFIG, SYNC, API }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "content_sid")
    public String contentSid;
    @Column(name = "friendly_name")
    public String friendlyName;
    public String language;
    public String category;
    @Column(name = "approval_status")
    public String approvalStatus;
    @Column(name = "rejection_reason")
    public String rejectionReason;
    public String variables;
    /** The template's text as the Content API gives it ({@code types.*.body}, with {{1}} placeholders), null if unknown. */
    public String body;
    @Column(name = "source")
    @Enumerated(EnumType.STRING)
    public Source source;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** When a Content API sync last listed this template; null for one never seen by a sync. */
    @Column(name = "last_synced_at")
    public Instant lastSyncedAt;

    public boolean approved() {
        return APPROVED.equalsIgnoreCase(approvalStatus);
    }

    /** The category Meta moved this template from (e.g. UTILITY, now MARKETING); null when it never moved. */
    @Column(name = "recategorised_from")
    public String recategorisedFrom;

    public boolean utility() {
        return "UTILITY".equalsIgnoreCase(category);
    }

    public boolean marketing() {
        return "MARKETING".equalsIgnoreCase(category);
    }
}
