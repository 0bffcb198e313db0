package com.wawindow.sender.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** What several sender instances share: the send budget per Twilio sender, campaign leases. */
@ConfigMapping(prefix = "followup")
public interface ScaleConfig {

    /**
     * FOLLOWUP_MPS_OVERRIDES: a budget other than FOLLOWUP_MAX_MPS for some senders, comma-separated
     * {@code sender=mps} pairs, the sender as the From address or Messaging Service SID, e.g.
     * {@code whatsapp:+15551234567=400,MG0123...=200}.
     */
    Optional<String> mpsOverrides();

    /** FOLLOWUP_BUDGET_GRANT: the most send slots one instance reserves per database round trip. */
    @WithDefault("8")
    int budgetGrant();

    /** FOLLOWUP_CAMPAIGN_LEASE: how long a campaign is its instance's without a renewal (renewed every third of it). */
    @WithDefault("PT30S")
    Duration campaignLease();
}
