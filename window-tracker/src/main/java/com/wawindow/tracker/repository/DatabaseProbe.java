package com.wawindow.tracker.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks PostgreSQL whether it answers, on a connection of its own outside the pool: the pool would log every refused
 * connection while the database is away, and a probe must stay quiet.
 */
@ApplicationScoped
public class DatabaseProbe {

    private static final int TIMEOUT_SECONDS = 2;

    private final String url;
    private final Properties credentials = new Properties();

    public DatabaseProbe(@ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.url = url;
        username.ifPresent(user -> credentials.setProperty("user", user));
        password.ifPresent(secret -> credentials.setProperty("password", secret));
        credentials.setProperty("connectTimeout", Integer.toString(TIMEOUT_SECONDS));
        credentials.setProperty("socketTimeout", Integer.toString(TIMEOUT_SECONDS));
        credentials.setProperty("loginTimeout", Integer.toString(TIMEOUT_SECONDS));
    }

    /** True when the database accepts a connection and answers within two seconds. */
    public boolean answers() {
        try (Connection connection = DriverManager.getConnection(url, credentials)) {
            return connection.isValid(TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
