package com.wawindow.console.service;

import com.wawindow.console.config.ConsoleConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** At start-up: the first admin exists (or is created), and a production console has a key for the services. */
@ApplicationScoped
public class StartupChecks {

    private final UserService users;
    private final ConsoleConfig config;
    private final Optional<String> sessionKey;

    public StartupChecks(UserService users, ConsoleConfig config,
            @ConfigProperty(name = "quarkus.http.auth.session.encryption-key") Optional<String> sessionKey) {
        this.users = users;
        this.config = config;
        this.sessionKey = sessionKey;
    }

    void onStart(@Observes StartupEvent event) {
        LaunchMode mode = LaunchMode.current();
        apiKeyRefusal(config.apiKey(), mode).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
        sessionKeyRefusal(sessionKey, mode).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
        if (config.apiKey().filter(k -> !k.isBlank()).isEmpty()) {
            Log.warn("CONSOLE_API_KEY is not set: the tracker and the sender will refuse the console's calls");
        }
        users.ensureFirstAdmin(mode);
    }

    /** Without a key of its own Quarkus would encrypt sessions with a temporary key, and log it. */
    public static Optional<String> sessionKeyRefusal(Optional<String> key, LaunchMode mode) {
        if (mode != LaunchMode.NORMAL || key.filter(k -> k.trim().length() >= 16).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("No session key for the console: set CONSOLE_SESSION_KEY (at least 16 random characters) "
                + "to encrypt the sign-in cookie");
    }

    /** A production console without a key could read and send nothing once the services require keys. */
    public static Optional<String> apiKeyRefusal(Optional<String> apiKey, LaunchMode mode) {
        if (mode != LaunchMode.NORMAL || apiKey.filter(k -> !k.isBlank()).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("No API key for the console: set CONSOLE_API_KEY to an admin key of window-tracker and "
                + "followup-sender (one of their API_ADMIN_KEYS)");
    }
}
