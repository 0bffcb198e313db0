package com.wawindow.ingest.rest;

import static com.wawindow.ingest.support.WebhookClient.AUTH_TOKEN;
import static com.wawindow.ingest.support.WebhookClient.FORM;
import static com.wawindow.ingest.support.WebhookClient.WHATSAPP;
import static com.wawindow.ingest.support.WebhookClient.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wawindow.infra.InfraTestResource;
import com.wawindow.ingest.support.Form;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Behind a proxy Twilio calls https://public.example/..., the service sees http://localhost:port/...: without
 * INGEST_PUBLIC_URL the forwarded headers say which URL was signed.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
class ProxyUrlTest {

    static final String PUBLIC = "https://public.example";

    @Test
    void signedForThePublicUrlFailsWithoutForwardedHeaders() {
        assertEquals(403, send(PUBLIC + WHATSAPP, WHATSAPP, Map.of()));
    }

    @Test
    void signedForThePublicUrlPassesWithForwardedProtoAndHost() {
        assertEquals(200, send(PUBLIC + WHATSAPP, WHATSAPP,
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "public.example")));
    }

    @Test
    void defaultPortInTheForwardedHostOrTheSignedUrlDoesNotMatter() {
        assertEquals(200, send(PUBLIC + WHATSAPP, WHATSAPP,
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "public.example:443")));
        assertEquals(200, send("https://public.example:443" + WHATSAPP, WHATSAPP,
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "public.example")));
    }

    @Test
    void forwardedPortIsPartOfTheUrl() {
        assertEquals(200, send("https://public.example:8443" + WHATSAPP, WHATSAPP,
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "public.example", "X-Forwarded-Port", "8443")));
        assertEquals(403, send("https://public.example:8443" + WHATSAPP, WHATSAPP,
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "public.example")));
    }

    @Test
    void firstOfSeveralForwardedValuesIsTheClientFacingOne() {
        assertEquals(200, send(PUBLIC + WHATSAPP, WHATSAPP,
                Map.of("X-Forwarded-Proto", "https, http", "X-Forwarded-Host", "public.example, internal-lb")));
    }

    @Test
    void wrongForwardedSchemeFails() {
        assertEquals(403, send(PUBLIC + WHATSAPP, WHATSAPP,
                Map.of("X-Forwarded-Proto", "http", "X-Forwarded-Host", "public.example")));
    }

    @Test
    void queryStringIsPartOfTheSignedUrl() {
        assertEquals(200, send(PUBLIC + WHATSAPP + "?tenant=acme&x=a%20b", WHATSAPP + "?tenant=acme&x=a%20b",
                Map.of("X-Forwarded-Proto", "https", "X-Forwarded-Host", "public.example")));
    }

    /** Posts a webhook signed for {@code signedUrl} to {@code pathAndQuery} of the local service. */
    static int send(String signedUrl, String pathAndQuery, Map<String, String> headers) {
        Form form = Form.whatsapp("SM" + UUID.randomUUID().toString().replace("-", ""), "6281277770000", "proxied");
        Map<String, String> all = new HashMap<>(headers);
        all.put("X-Twilio-Signature", form.sign(AUTH_TOKEN, signedUrl));
        return post(pathAndQuery, FORM, form.encoded().getBytes(StandardCharsets.UTF_8), all).statusCode();
    }
}
