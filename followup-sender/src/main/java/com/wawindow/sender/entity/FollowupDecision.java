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

/** One audited decision about a contact: what the sender did or did not do, and why. */
@Entity
@Table(name = "followup_decision")
public class FollowupDecision {

    /**
     * What was decided: claimed for sending now (committed with the claim), sent (or only logged, in a dry run), skipped,
     * scheduled for later, cancelled, or failed.
     */
    public enum Decision { CLAIMED, SENT, DRY_RUN, SKIPPED, SCHEDULED, CANCELLED, FAILED, HELD_OUT }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "contact_id")
    public String contactId;
    @Column(name = "window_event_id")
    public UUID windowEventId;
    @Column(name = "rule_id")
    public Long ruleId;
    @Column(name = "campaign_id")
    public Long campaignId;
    @Column(name = "dispatch_id")
    public Long dispatchId;
    @Enumerated(EnumType.STRING)
    public Decision decision;
    public String reason;
    @Column(name = "decided_at")
    public Instant decidedAt;

    /** A decision about a contact; the caller adds the window, rule, campaign or dispatch it concerns. */
    public static FollowupDecision of(String contactId, Decision decision, String reason) {
        FollowupDecision entry = new FollowupDecision();
        entry.contactId = contactId;
        entry.decision = decision;
        entry.reason = reason;
        return entry;
    }
}
