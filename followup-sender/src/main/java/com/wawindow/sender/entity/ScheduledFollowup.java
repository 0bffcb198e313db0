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

/** A follow-up that waits for its time (rule delay, quiet hours); durable across restarts. */
@Entity
@Table(name = "scheduled_followup")
public class ScheduledFollowup {

    public enum State { PENDING, DONE, CANCELLED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "window_event_id")
    public UUID windowEventId;
    @Column(name = "rule_id")
    public Long ruleId;
    @Column(name = "contact_id")
    public String contactId;
    @Column(name = "last_message_at")
    public Instant lastMessageAt;
    @Column(name = "event_json")
    public String eventJson;
    @Column(name = "due_at")
    public Instant dueAt;
    @Enumerated(EnumType.STRING)
    public State state;
    public String reason;
    @Column(name = "created_at")
    public Instant createdAt;
}
