package com.wawindow.support.database;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Asks PostgreSQL whether it answers, on a connection of its own outside the pool: the pool would log every refused
 * connection while the database is away, and a probe must stay quiet. Shared by the services that keep a database
 * (window-tracker, followup-sender); in a service without one it is never used (and removed as an unused bean).
 */
@ApplicationScoped
public class DatabaseProbe {

    private static final int TIMEOUT_SECONDS = 2;

    private final Optional<String> url;
    private final Properties credentials = new Properties();

    public DatabaseProbe(@ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> url,
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
        if (url.isEmpty()) {
            return false;
        }
        try (Connection connection = DriverManager.getConnection(url.get(), credentials)) {
            return connection.isValid(TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }
}
