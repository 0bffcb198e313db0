package com.wawindow.console.rest;

import com.wawindow.console.config.ConsoleRoles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** Who is signed in, for the pages ({@code {inject:me.agent}}): which controls to show. The server checks again. */
@Named("me")
@RequestScoped
public class CurrentUser {

    private final SecurityIdentity identity;

    public CurrentUser(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String getName() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    public boolean isSignedIn() {
        return !identity.isAnonymous();
    }

    /** May send messages. */
    public boolean isAgent() {
        return identity.hasRole(ConsoleRoles.AGENT);
    }

    public boolean isAdmin() {
        return identity.hasRole(ConsoleRoles.ADMIN);
    }

    public String getRole() {
        return isAdmin() ? ConsoleRoles.ADMIN : isAgent() ? ConsoleRoles.AGENT : ConsoleRoles.VIEWER;
    }
}
