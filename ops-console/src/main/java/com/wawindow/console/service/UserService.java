package com.wawindow.console.service;

import com.wawindow.console.config.ConsoleConfig;
import com.wawindow.console.config.ConsoleProblems;
import com.wawindow.console.config.ConsoleRoles;
import com.wawindow.console.entity.ConsoleUser;
import com.wawindow.console.repository.ConsoleUserRepository;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The console's users: the first admin from CONSOLE_ADMIN_PASSWORD, more added by an admin, and sign-in checks. */
@ApplicationScoped
public class UserService {

    public static final String FIRST_ADMIN = "admin";
    static final int MIN_PASSWORD = 10;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    // checked against when a user is unknown, so a wrong name takes as long as a wrong password
    private static final String DUMMY_HASH = Passwords.hash("no-such-user-dummy-password");

    private final ConsoleUserRepository users;
    private final ConsoleConfig config;
    private final Clock clock;

    public UserService(ConsoleUserRepository users, ConsoleConfig config, Clock clock) {
        this.users = users;
        this.config = config;
        this.clock = clock;
    }

    public record SignedIn(String username, Set<String> roles) {
    }

    public record UserView(String username, String role) {
    }

    /** Creates user {@code admin} when no admin exists; refuses a production start that could not. */
    @Transactional
    public void ensureFirstAdmin(LaunchMode mode) {
        if (users.anyAdmin()) {
            return;
        }
        Optional<String> password = config.adminPassword().filter(p -> !p.isBlank());
        refusal(false, password, mode).ifPresent(message -> {
            throw new IllegalStateException(message);
        });
        if (password.isEmpty()) {
            Log.warn("no console admin exists and CONSOLE_ADMIN_PASSWORD is not set: nobody can sign in");
            return;
        }
        if (users.findByUsername(FIRST_ADMIN).isPresent()) {
            throw new IllegalStateException("user 'admin' exists without the admin role; fix it in table console.console_user");
        }
        persist(FIRST_ADMIN, password.get(), ConsoleRoles.ADMIN);
        Log.info("created the first console admin, user 'admin', with the password from CONSOLE_ADMIN_PASSWORD");
    }

    /** Why a start may not go on: in production, no admin and no password to create one with. */
    public static Optional<String> refusal(boolean adminExists, Optional<String> password, LaunchMode mode) {
        if (adminExists || password.isPresent() || mode != LaunchMode.NORMAL) {
            return Optional.empty();
        }
        return Optional.of("No console admin exists: set CONSOLE_ADMIN_PASSWORD (at least " + MIN_PASSWORD
                + " characters) so that user 'admin' is created at start-up");
    }

    @Transactional
    public Optional<SignedIn> authenticate(String username, String password) {
        Optional<ConsoleUser> user = users.findByUsername(normalise(username));
        if (user.isEmpty()) {
            Passwords.matches(password, DUMMY_HASH);
            return Optional.empty();
        }
        if (!Passwords.matches(password, user.get().passwordHash)) {
            return Optional.empty();
        }
        return Optional.of(new SignedIn(user.get().username, Set.of(user.get().roles.split(","))));
    }

    /** The user a session cookie names, with the roles it has now (a user removed from the table is signed out). */
    @Transactional
    public Optional<SignedIn> current(String username) {
        return users.findByUsername(normalise(username))
                .map(u -> new SignedIn(u.username, Set.of(u.roles.split(","))));
    }

    @Transactional
    public UserView add(String username, String password, String role) {
        String name = normalise(username);
        if (!USERNAME.matcher(name).matches()) {
            throw invalid("a user name is 2 to 64 lower-case letters, digits, dots, dashes or underscores");
        }
        if (role == null || !ConsoleRoles.ALL.contains(role)) {
            throw invalid("role must be one of " + String.join(", ", ConsoleRoles.ALL));
        }
        if (password == null || password.length() < MIN_PASSWORD) {
            throw invalid("a password has at least " + MIN_PASSWORD + " characters");
        }
        if (users.findByUsername(name).isPresent()) {
            throw new ProblemException(ConsoleProblems.USER_EXISTS, "user '" + name + "' exists");
        }
        ConsoleUser user = persist(name, password, role);
        return view(user);
    }

    @Transactional
    public List<UserView> list() {
        return users.allByName().stream().map(UserService::view).toList();
    }

    private ConsoleUser persist(String username, String password, String role) {
        ConsoleUser user = new ConsoleUser();
        user.username = username;
        user.passwordHash = Passwords.hash(password);
        user.roles = cumulative(role);
        user.createdAt = clock.instant();
        users.persist(user);
        return user;
    }

    /** An admin may do what an agent may, an agent what a viewer may. */
    static String cumulative(String role) {
        return switch (role) {
            case ConsoleRoles.ADMIN -> String.join(",", ConsoleRoles.ADMIN, ConsoleRoles.AGENT, ConsoleRoles.VIEWER);
            case ConsoleRoles.AGENT -> String.join(",", ConsoleRoles.AGENT, ConsoleRoles.VIEWER);
            default -> ConsoleRoles.VIEWER;
        };
    }

    private static UserView view(ConsoleUser user) {
        return new UserView(user.username, user.roles.split(",")[0]);
    }

    private static String normalise(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_REQUEST, detail);
    }
}
