package com.wawindow.support.security;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code Authorization: Bearer <key>} against {@link ApiKeys}. No header: anonymous, so open endpoints stay open and
 * {@code @RolesAllowed} ones answer 401; a known key carries its roles; an unknown one fails authentication (401),
 * unless an OIDC identity provider is configured ({@code quarkus.oidc.auth-server-url}): then the bearer may be its
 * token, and this mechanism, asked first, leaves it to the OIDC one.
 */
@ApplicationScoped
@IfBuildProperty(name = "api.enabled", stringValue = "true", enableIfMissing = true)
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String BEARER = "Bearer ";
    /** The challenge of every 401 this system answers. */
    public static final String CHALLENGE = "Bearer realm=\"wawindow\"";

    private final ApiKeys keys;
    private final boolean oidcConfigured;

    public ApiKeyAuthenticationMechanism(ApiKeyConfig config,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> oidcServer,
            @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "true") boolean oidcEnabled) {
        this.keys = ApiKeys.of(config);
        this.oidcConfigured = oidcEnabled && oidcServer.filter(url -> !url.isBlank()).isPresent();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().optional(Optional.empty());
        }
        Optional<ApiKeys.Grant> grant = keys.match(header.substring(BEARER.length()).trim());
        if (grant.isEmpty()) {
            return oidcConfigured ? Uni.createFrom().optional(Optional.empty())
                    : Uni.createFrom().failure(new AuthenticationFailedException("unknown API key"));
        }
        SecurityIdentity identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(grant.get().name()))
                .addRoles(grant.get().roles())
                .build();
        return Uni.createFrom().item(identity);
    }

    /** Before OIDC's bearer mechanism, so a key never travels to the identity provider's checks. */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
