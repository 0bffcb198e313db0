package com.wawindow.console.config;

import com.wawindow.support.security.Roles;
import java.util.List;

/** The console's roles: a viewer reads, an agent also sends messages, an admin also changes rules, campaigns and users. */
public final class ConsoleRoles {

    public static final String ADMIN = Roles.ADMIN;
    public static final String AGENT = "agent";
    public static final String VIEWER = Roles.VIEWER;
    public static final List<String> ALL = List.of(ADMIN, AGENT, VIEWER);

    private ConsoleRoles() {
    }
}
