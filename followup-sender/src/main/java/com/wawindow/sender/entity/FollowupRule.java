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

/** What to send after a window closes, when, and how often. */
@Entity
@Table(name = "followup_rule")
public class FollowupRule {

    public static final String DEFAULT_NAME = "default";

    /** What a rule sends, and when. */
    public enum Kind { FOLLOWUP, NUDGE }

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
    /** FOLLOWUP: a template after the window closed; NUDGE: a free-form text on window-expiring-soon, before it closes. */
    @Enumerated(EnumType.STRING)
    public Kind kind = Kind.FOLLOWUP;
    /** A NUDGE rule's text; the same placeholders as a template's variables. */
    public String body;
    /** A NUDGE rule's share of eligible windows held out (no nudge), for the reply-rate comparison. */
    @Column(name = "holdout_percent")
    public int holdoutPercent;
    /** A NUDGE rule stays silent when anything went to the contact this recently. */
    @Column(name = "quiet_after_send_seconds")
    public long quietAfterSendSeconds;
    /** A FOLLOWUP rule sends while the free entry point window is still open rather than after its delay. */
    @Column(name = "prefer_free")
    public boolean preferFree;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
