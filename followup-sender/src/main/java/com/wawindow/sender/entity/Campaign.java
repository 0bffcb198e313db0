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
import java.util.UUID;

/** One template to every contact of a segment, page by page. */
@Entity
@Table(name = "campaign")
public class Campaign {

    /** RUNNING until COMPLETED, CANCELLED (by an admin) or STOPPED (its template is no longer approved). */
    public enum State { RUNNING, COMPLETED, CANCELLED, STOPPED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "template_id")
    public Long templateId;
    @Column(name = "content_sid")
    public String contentSid;
    @Column(name = "content_variables")
    public String contentVariables;
    /** JSON of {@link com.wawindow.sender.client.WindowTrackerClient.Segment}. */
    public String segment;
    @Enumerated(EnumType.STRING)
    public State state;
    @Column(name = "next_cursor")
    public String nextCursor;
    /** Contacts of the segment seen so far (all of them once COMPLETED). */
    public long total;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    /** The sender instance working on it while its lease lasts. */
    @Column(name = "lease_owner")
    public UUID leaseOwner;
    /** Why it was STOPPED. */
    @Column(name = "stop_reason")
    public String stopReason;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
