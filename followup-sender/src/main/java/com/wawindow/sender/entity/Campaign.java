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

/** One template to every contact of a segment, page by page. */
@Entity
@Table(name = "campaign")
public class Campaign {

    /** CANCELLED: stopped by an admin; the runner sends no further page. */
    public enum State { RUNNING, COMPLETED, CANCELLED }

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
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
