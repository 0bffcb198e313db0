package com.wawindow.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The console's own settings; every key is also an environment variable (e.g. {@code CONSOLE_API_KEY}). */
@ConfigMapping(prefix = "console")
public interface ConsoleConfig {

    /** The key the console sends as {@code Authorization: Bearer} to the tracker and the sender (an admin key of both). */
    Optional<String> apiKey();

    /** The password the first admin (user {@code admin}) gets when no admin exists yet. */
    Optional<String> adminPassword();

    /** Where window-tracker answers. */
    @WithDefault("http://localhost:8082")
    String trackerUrl();

    /** Where followup-sender answers. */
    @WithDefault("http://localhost:8083")
    String senderUrl();

    /** Where ingest-service answers (the overview shows its health). */
    @WithDefault("http://localhost:8081")
    String ingestUrl();

    /** A window closer to its end than this shows as "expiring soon" (the tracker's WINDOW_EXPIRING_SOON_LEAD). */
    @WithDefault("PT1H")
    Duration expiringSoonLead();

    /** Contacts per page of the contact list. */
    @WithDefault("50")
    int pageSize();

    /** How long the console waits for a health check before it shows the service as down. */
    @WithDefault("2s")
    Duration healthTimeout();
}
