package com.wawindow.support.oidc;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/** An identity provider as far as a resource server sees one: discovery document and JWKS on loopback (WireMock). */
public class JwksServer implements QuarkusTestResourceLifecycleManager {

    static final String ROLE_CLAIM = "wawindow_roles";
    private static volatile RsaJsonWebKey signingKey;
    private static volatile String issuer;
    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        try {
            signingKey = RsaJwkGenerator.generateJwk(2048);
            signingKey.setKeyId("test-key");
            signingKey.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        issuer = "http://127.0.0.1:" + server.port() + "/realms/wawindow";
        server.stubFor(get(urlEqualTo("/realms/wawindow/.well-known/openid-configuration")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\"}")));
        server.stubFor(get(urlEqualTo("/realms/wawindow/jwks")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody(new JsonWebKeySet(signingKey).toJson())));
        return Map.of("quarkus.oidc.auth-server-url", issuer,
                "quarkus.oidc.client-id", "wawindow-api",
                "quarkus.oidc.roles.role-claim-path", ROLE_CLAIM);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** A token this provider signed, for {@code subject} with {@code roles} in the configured claim. */
    static String token(String subject, List<String> roles) {
        return sign(subject, roles, signingKey);
    }

    /** A token signed by a key this provider never published. */
    static String forgedToken(String subject, List<String> roles) {
        try {
            RsaJsonWebKey other = RsaJwkGenerator.generateJwk(2048);
            other.setKeyId("test-key");
            return sign(subject, roles, other);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(String subject, List<String> roles, RsaJsonWebKey key) {
        try {
            JwtClaims claims = new JwtClaims();
            claims.setIssuer(issuer);
            claims.setSubject(subject);
            claims.setExpirationTimeMinutesInTheFuture(5);
            claims.setIssuedAtToNow();
            claims.setStringListClaim(ROLE_CLAIM, roles);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(key.getKeyId());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
