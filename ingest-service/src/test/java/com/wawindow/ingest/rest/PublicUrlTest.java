package com.wawindow.ingest.rest;

import static com.wawindow.ingest.rest.ProxyUrlTest.PUBLIC;
import static com.wawindow.ingest.rest.ProxyUrlTest.send;
import static com.wawindow.ingest.support.WebhookClient.WHATSAPP;
import static com.wawindow.ingest.support.WebhookClient.localUrl;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wawindow.infra.InfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With INGEST_PUBLIC_URL the configured base URL is what the signature covers, whatever the headers say. */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
@TestProfile(PublicUrlTest.BehindProxy.class)
class PublicUrlTest {

    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ingest.public-url", PUBLIC + "/");
        }
    }

    @Test
    void signedForThePublicUrlPassesWithoutForwardedHeaders() {
        assertEquals(200, send(PUBLIC + WHATSAPP, WHATSAPP, Map.of()));
    }

    @Test
    void queryStringIsAppendedToThePublicUrl() {
        assertEquals(200, send(PUBLIC + WHATSAPP + "?tenant=acme", WHATSAPP + "?tenant=acme", Map.of()));
    }

    @Test
    void forwardedHeadersCannotRedirectTheCheckElsewhere() {
        assertEquals(403, send("https://evil.example" + WHATSAPP, WHATSAPP,
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example")));
    }

    @Test
    void signedForTheLocalUrlFails() {
        assertEquals(403, send(localUrl(WHATSAPP), WHATSAPP, Map.of()));
    }
}
