package com.wawindow.sender.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A template's approval status moved (seen by a sync or set through the API). */
@Entity
@Table(name = "template_status_change")
public class TemplateStatusChange {

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
    @Column(name = "changed_at")
    public Instant changedAt;
}
