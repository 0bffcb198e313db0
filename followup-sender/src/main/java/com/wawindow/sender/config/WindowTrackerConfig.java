package com.wawindow.sender.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where window-tracker's API answers (the free-form guard and campaign segments ask it). */
@ConfigMapping(prefix = "window-tracker")
public interface WindowTrackerConfig {

    /** WINDOW_TRACKER_URL: base URL of window-tracker. */
    @WithDefault("http://localhost:8082")
    String url();
}
