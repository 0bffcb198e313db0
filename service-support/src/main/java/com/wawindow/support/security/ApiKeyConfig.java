package com.wawindow.support.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** API keys, from the environment only ({@code API_ADMIN_KEYS}, {@code API_VIEWER_KEYS}). */
@ConfigMapping(prefix = "api")
public interface ApiKeyConfig {

    /** Keys with the admin role (comma-separated; several at once so a key can be rotated without downtime). */
    Optional<List<String>> adminKeys();

    /** Keys with the viewer role (comma-separated). */
    Optional<List<String>> viewerKeys();

    /** Whether a production start refuses to run with no key at all; only a service with no protected endpoint says false. */
    @WithDefault("true")
    boolean requireKeys();

    /** Build time: whether bearer API keys authenticate this service at all (a console with its own sign-in says false). */
    @WithDefault("true")
    boolean enabled();
}
