package com.wawindow.console.rest;

import com.wawindow.console.service.UserService;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

/** The sign-in form's user name and password, checked against the console's users (bcrypt, in PostgreSQL). */
@ApplicationScoped
public class ConsoleIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    private final UserService users;

    public ConsoleIdentityProvider(UserService users) {
        this.users = users;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> check(request));
    }

    @ActivateRequestContext
    SecurityIdentity check(UsernamePasswordAuthenticationRequest request) {
        return identity(users.authenticate(request.getUsername(), new String(request.getPassword().getPassword()))
                .orElseThrow(() -> new AuthenticationFailedException("wrong user name or password")));
    }

    /** The identity of a signed-in user, for this provider and the session cookie's. */
    static SecurityIdentity identity(UserService.SignedIn user) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(user.username()))
                .addRoles(user.roles()).build();
    }
}
