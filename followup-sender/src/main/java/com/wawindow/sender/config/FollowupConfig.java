package com.wawindow.sender.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The default follow-up rule, the sender's throughput and its schedules. */
@ConfigMapping(prefix = "followup")
public interface FollowupConfig {

    /** FOLLOWUP_DRY_RUN: log and record every message instead of sending it; a prod start without Twilio credentials needs it. */
    @WithDefault("false")
    boolean dryRun();

    /** FOLLOWUP_CONTENT_SID: the default rule's approved template (HX...); no default rule without it. */
    Optional<String> contentSid();

    /** FOLLOWUP_CONTENT_VARIABLES: JSON object; string values may use {profileName}, {contactId}, {lastMessageAt}, {expiredAt}. */
    @WithDefault("{\"1\":\"{profileName}\"}")
    String contentVariables();

    /** FOLLOWUP_DELAY: how long after the window closed the default rule sends (ISO-8601, PT0S = at once). */
    @WithDefault("PT0S")
    Duration delay();

    /** FOLLOWUP_MAX_PER_WINDOW: follow-ups the default rule sends per closed window. */
    @WithDefault("1")
    int maxPerWindow();

    /** FOLLOWUP_QUIET_HOURS: no sends in the contact's local time within this range, e.g. 21:00-08:00; empty = none. */
    Optional<String> quietHours();

    /** FOLLOWUP_MARKETING_COOLDOWN: no second MARKETING template to the same contact within this time. */
    @WithDefault("PT24H")
    Duration marketingCooldown();

    /**
     * FOLLOWUP_MARKETING_LIMIT_RETRY: how long after Meta held a template back for its per-user marketing limit (63049 /
     * 131049) the same follow-up is tried again. Meta gives no period; a day is its limits' usual unit.
     */
    @WithDefault("PT24H")
    Duration marketingLimitRetry();

    /** FOLLOWUP_MAX_EVENT_AGE: a window-expired that closed longer ago than this (a replay) is skipped as stale, not sent. */
    @WithDefault("PT12H")
    Duration maxEventAge();

    /**
     * FOLLOWUP_PROCESSED_INBOUND_RETENTION: how long an applied inbound MessageSid is remembered to drop its
     * redeliveries (ingest's retries and re-drives come within minutes or hours).
     */
    @WithDefault("P7D")
    Duration processedInboundRetention();

    /** FOLLOWUP_CONSUMER_RETRY_INITIAL_DELAY: first pause before a record is tried again while PostgreSQL does not answer. */
    @WithDefault("PT0.5S")
    Duration consumerRetryInitialDelay();

    /** FOLLOWUP_CONSUMER_RETRY_MAX_DELAY: longest pause between two tries; it doubles up to this while the outage lasts. */
    @WithDefault("PT5S")
    Duration consumerRetryMaxDelay();

    /** FOLLOWUP_CONSUMER_ATTEMPTS_WHILE_DATABASE_UP: tries of a record that fails while PostgreSQL answers, before its DLQ. */
    @WithDefault("3")
    int consumerAttemptsWhileDatabaseUp();

    /**
     * FOLLOWUP_CONSUMER_CONCURRENCY: window-expired records handled at once, each on one pooled connection at a time and
     * none while it waits for the send budget. With FOLLOWUP_CAMPAIGN_CONCURRENCY and {@link StartupChecks#POOL_RESERVE}
     * it must fit in QUARKUS_DATASOURCE_JDBC_MAX_SIZE (checked at start), so a burst of closed windows never drains the
     * pool. Its default (24) is in application.properties, not here: the worker pool is defined at static init,
     * before this mapping's defaults exist.
     */
    int consumerConcurrency();

    /** FOLLOWUP_CAMPAIGN_CONCURRENCY: campaign sends in flight at once on this instance (the send budget paces them). */
    @WithDefault("8")
    int campaignConcurrency();

    /** FOLLOWUP_DATABASE_CHECK_INTERVAL: how often PostgreSQL is checked, to pause the scheduled jobs while it is away. */
    @WithDefault("2s")
    String databaseCheckInterval();

    /** FOLLOWUP_MAX_MPS: messages per second to Twilio, across all threads (Twilio's WhatsApp default is 80). */
    @WithDefault("80")
    int maxMps();

    /** FOLLOWUP_SCHEDULER_BATCH: due delayed follow-ups one scheduler pass claims. */
    @WithDefault("200")
    int schedulerBatch();

    /** FOLLOWUP_SCHEDULER_INTERVAL: how often due delayed follow-ups are looked for (Quarkus scheduler syntax, e.g. 5s). */
    @WithDefault("5s")
    String schedulerInterval();

    /** FOLLOWUP_TEMPLATE_SYNC_INTERVAL: how often templates and approvals are synced from the Content API. */
    @WithDefault("15m")
    String templateSyncInterval();

    /** FOLLOWUP_HEARTBEAT_INTERVAL: how often this instance renews the leases of the claims it is working on (scheduler syntax). */
    @WithDefault("5s")
    String heartbeatInterval();

    /**
     * FOLLOWUP_CLAIM_LEASE: a claim's lease in database time, renewed every heartbeat while its call runs; recovery adopts a
     * claim only after it ran out. Keep it longer than the longest attempt (TWILIO_READ_TIMEOUT + 45 s of connect and pool
     * waits) and several heartbeats.
     */
    @WithDefault("PT2M")
    Duration claimLease();

    /** FOLLOWUP_MAX_ATTEMPTS: Create Message attempts per dispatch, each known not to have created a message before the next. */
    @WithDefault("6")
    int maxAttempts();

    /** FOLLOWUP_RETRY_DELAY: the first backoff between attempts (doubles each time, with jitter). */
    @WithDefault("PT0.5S")
    Duration retryDelay();

    /** FOLLOWUP_RETRY_MAX_DELAY: the longest backoff between attempts or lookups. */
    @WithDefault("PT30S")
    Duration retryMaxDelay();

    /** FOLLOWUP_RECONCILE_DELAY: wait after an outcome-unknown attempt before asking List Messages (its list trails the create). */
    @WithDefault("PT5S")
    Duration reconcileDelay();

    /** FOLLOWUP_LOOKUP_ATTEMPTS: List Messages tries in one go; after that the claim is given back and recovery keeps asking. */
    @WithDefault("5")
    int lookupAttempts();

    /** FOLLOWUP_CLAIM_RECOVERY_INTERVAL: how often claims with an expired lease are looked for (scheduler syntax). */
    @WithDefault("10s")
    String claimRecoveryInterval();
}
