package com.wawindow.sender.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A template's approval status or category moved: seen by a sync, set through the API, or reported by Meta through
 * Twilio's Event Streams. For a category change, {@code oldStatus} and {@code newStatus} hold the categories.
 */
@Entity
@Table(name = "template_status_change")
public class TemplateStatusChange {

    public static final String STATUS = "status";
    public static final String CATEGORY = "category";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "template_id")
    public Long templateId;
    @Column(name = "old_status")
    public String oldStatus;
    @Column(name = "new_status")
    public String newStatus;
    public String reason;
    /** {@link #STATUS} or {@link #CATEGORY}. */
    public String field = STATUS;
    /** Where the change was seen: {@code sync}, {@code api}, or {@code event-streams <CloudEvent id>}; null before V9. */
    public String source;
    @Column(name = "changed_at")
    public Instant changedAt;
}
