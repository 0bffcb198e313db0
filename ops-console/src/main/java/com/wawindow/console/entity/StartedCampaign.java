package com.wawindow.console.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A campaign started from the console: the sender has no list of campaigns, so the console remembers its own. */
@Entity
@Table(name = "started_campaign")
public class StartedCampaign {

    /** The sender's campaign id. */
    @Id
    @Column(name = "campaign_id")
    public Long campaignId;

    @Column(name = "template_name")
    public String templateName;

    /** The segment as people read it, e.g. "closed, last message after 2026-11-01T00:00:00Z". */
    public String segment;

    @Column(name = "started_by")
    public String startedBy;

    @Column(name = "started_at")
    public Instant startedAt;
}
