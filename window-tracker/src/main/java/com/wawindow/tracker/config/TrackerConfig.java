package com.wawindow.tracker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Window lengths and expiry engine settings. No prefix, so each key's environment variable is the one operators
 * know (key {@code window-duration} is {@code WINDOW_DURATION}, {@code expiry.poll-interval} is
 * {@code EXPIRY_POLL_INTERVAL}); the defaults are stated here only.
 */
@ConfigMapping(prefix = "")
public interface TrackerConfig {

    /** Length of the customer service window opened by every inbound message (WINDOW_DURATION). */
    @WithDefault("PT24H")
    Duration windowDuration();

    /** Length of the free entry point window opened by a click-to-WhatsApp referral (ENTRY_POINT_WINDOW_DURATION). */
    @WithDefault("PT72H")
    Duration entryPointWindowDuration();

    /** How long before the close window-expiring-soon is emitted; zero disables it (WINDOW_EXPIRING_SOON_LEAD). */
    @WithDefault("PT1H")
    Duration windowExpiringSoonLead();

    /** How long a processed message sid is remembered for de-duplication (PROCESSED_MESSAGE_RETENTION). */
    @WithDefault("P7D")
    Duration processedMessageRetention();

    /** The inbound history kept per contact for the console. */
    History history();

    /** How often the contact counts behind the tracker_contacts gauges are refreshed (CONTACT_GAUGE_INTERVAL). */
    @WithDefault("30s")
    Duration contactGaugeInterval();

    interface History {

        /** Inbound messages kept per contact, newest first; 0 keeps none (HISTORY_SIZE). */
        @WithDefault("20")
        int size();

        /** Characters of each message's body kept as a preview; 0 keeps no text at all (HISTORY_PREVIEW_LENGTH). */
        @WithDefault("80")
        int previewLength();
    }

    /** The expiry engine's scans. */
    Expiry expiry();

    /** How the inbound consumer waits for the database (and the dead-letter topic) while they are away. */
    Inbound inbound();

    interface Inbound {

        /** First pause before a batch is tried again after PostgreSQL did not answer (INBOUND_RETRY_INITIAL_DELAY). */
        @WithDefault("PT0.5S")
        Duration retryInitialDelay();

        /** Longest pause between two tries; the pause doubles up to it while the outage lasts (INBOUND_RETRY_MAX_DELAY). */
        @WithDefault("PT5S")
        Duration retryMaxDelay();

        /**
         * Tries of a batch that fails while PostgreSQL answers, before its records are applied one by one and the
         * ones that still fail go to the dead-letter topic (INBOUND_ATTEMPTS_WHILE_DATABASE_UP).
         */
        @WithDefault("3")
        int attemptsWhileDatabaseUp();

        /**
         * How often each instance reports how far it has applied its inbound partitions; expiry decides no later than
         * the smallest report, so this bounds the extra lateness it adds (INBOUND_WATERMARK_INTERVAL).
         */
        @WithDefault("PT0.1S")
        Duration watermarkInterval();
    }

    interface Expiry {

        /** Longest sleep between two passes; a pass sleeps only until the next pending deadline (EXPIRY_POLL_INTERVAL). */
        @WithDefault("1s")
        Duration pollInterval();

        /** Windows claimed per transaction (EXPIRY_BATCH_SIZE). */
        @WithDefault("500")
        int batchSize();

        /** Concurrent scans in this instance, each claiming its own batch (EXPIRY_WORKERS). */
        @WithDefault("2")
        int workers();

        /** How long a claim waits for the broker to acknowledge its events before giving the claim back (EXPIRY_SEND_TIMEOUT). */
        @WithDefault("PT30S")
        Duration sendTimeout();
    }

    /** Whether window-expiring-soon is emitted at all (a positive lead). */
    default boolean expiringSoonEnabled() {
        return !windowExpiringSoonLead().isZero() && !windowExpiringSoonLead().isNegative();
    }
}
