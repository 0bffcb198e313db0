package com.wawindow.sender.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One message the sender decided to send, with what Twilio made of it. Rows are created by a native claim. */
@Entity
@Table(name = "dispatch")
public class Dispatch {

    /** Why the message went out. */
    public enum Kind { FOLLOWUP, CAMPAIGN, MESSAGE, NUDGE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "dedupe_key")
    public String dedupeKey;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Column(name = "window_event_id")
    public UUID windowEventId;
    @Column(name = "rule_id")
    public Long ruleId;
    @Column(name = "campaign_id")
    public Long campaignId;
    @Column(name = "contact_id")
    public String contactId;
    @Column(name = "contact_address")
    public String contactAddress;
    @Column(name = "from_address")
    public String fromAddress;
    @Column(name = "messaging_service_sid")
    public String messagingServiceSid;
    @Column(name = "content_sid")
    public String contentSid;
    @Column(name = "content_variables")
    public String contentVariables;
    public String body;
    @Column(name = "status_callback")
    public String statusCallback;
    @Column(name = "twilio_message_sid")
    public String twilioMessageSid;
    @Enumerated(EnumType.STRING)
    public DispatchStatus status;
    @Column(name = "status_rank")
    public int statusRank;
    @Column(name = "error_code")
    public String errorCode;
    @Column(name = "error_message")
    public String errorMessage;
    @Column(name = "dry_run")
    public boolean dryRun;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "lease_until")
    public Instant leaseUntil;
    @Column(name = "claimed_by")
    public UUID claimedBy;
    /** Meta's pricing category of the send: service, utility, marketing, authentication, referral_conversion. */
    @Column(name = "pricing_category")
    public String pricingCategory;
    public Boolean billable;
    @Column(name = "estimated_cost")
    public BigDecimal estimatedCost;
    @Column(name = "cost_currency")
    public String costCurrency;
    /** ESTIMATE (priced at the claim) or CALLBACK (a status callback carried Meta's category). */
    @Column(name = "pricing_source")
    public String pricingSource;
}
