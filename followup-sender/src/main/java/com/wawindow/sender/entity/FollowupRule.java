package com.wawindow.sender.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What to send after a window closes, when, and how often. */
@Entity
@Table(name = "followup_rule")
public class FollowupRule {

    public static final String DEFAULT_NAME = "default";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    @Column(name = "content_sid")
    public String contentSid;
    @Column(name = "content_variables")
    public String contentVariables;
    @Column(name = "delay_seconds")
    public long delaySeconds;
    @Column(name = "max_per_window")
    public int maxPerWindow;
    @Column(name = "stop_on_reply")
    public boolean stopOnReply;
    @Column(name = "quiet_hours")
    public String quietHours;
    public boolean enabled;
    /** Only a UTILITY template may go: once Meta re-categorises the template, the rule stops using it. */
    @Column(name = "require_utility")
    public boolean requireUtility;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
