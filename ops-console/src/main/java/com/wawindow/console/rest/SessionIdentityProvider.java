package com.wawindow.console.rest;

import com.wawindow.console.service.UserService;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TrustedAuthenticationRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

/** The user named by a valid (encrypted) session cookie, with the roles the table gives it now. */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<TrustedAuthenticationRequest> {

    private final UserService users;

    public SessionIdentityProvider(UserService users) {
        this.users = users;
    }

    @Override
    public Class<TrustedAuthenticationRequest> getRequestType() {
        return TrustedAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TrustedAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> load(request.getPrincipal()));
    }

    @ActivateRequestContext
    SecurityIdentity load(String username) {
        return ConsoleIdentityProvider.identity(users.current(username)
                .orElseThrow(() -> new AuthenticationFailedException("the session's user no longer exists")));
    }
}
