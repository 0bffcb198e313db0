package com.wawindow.sender.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Where window-tracker's API answers (the free-form guard and campaign segments ask it). The REST client's own
 * {@code quarkus.rest-client.window-tracker.url} is set from {@link #url()}.
 */
@ConfigMapping(prefix = "window-tracker")
public interface WindowTrackerConfig {

    /** WINDOW_TRACKER_URL: base URL of window-tracker. */
    @WithDefault("http://localhost:8082")
    String url();

    /** WINDOW_TRACKER_API_KEY: the key (viewer role at the tracker) sent as {@code Authorization: Bearer}; never logged. */
    Optional<String> apiKey();
}
