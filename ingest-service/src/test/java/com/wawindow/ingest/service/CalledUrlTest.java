package com.wawindow.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CalledUrlTest {

    private static final String PATH = "/webhooks/twilio/whatsapp?tenant=a%20b";

    @Test
    void requestAsItArrivedWithoutProxy() {
        assertEquals("http://127.0.0.1:8081" + PATH,
                new CalledUrl("http", "127.0.0.1:8081", null, null, null, PATH).resolve(Optional.empty()));
    }

    @Test
    void forwardedHeadersWinAndTheFirstValueCounts() {
        assertEquals("https://public.example" + PATH, new CalledUrl("http", "127.0.0.1:8081", "https, http",
                " public.example , lb.internal", null, PATH).resolve(Optional.empty()));
        assertEquals("https://127.0.0.1:8081" + PATH,
                new CalledUrl("http", "127.0.0.1:8081", "https", null, null, PATH).resolve(Optional.empty()));
    }

    @Test
    void forwardedPortIsAddedOnlyToAForwardedHostWithoutOne() {
        assertEquals("https://public.example:8443" + PATH,
                new CalledUrl("http", "x", "https", "public.example", "8443", PATH).resolve(Optional.empty()));
        assertEquals("https://public.example:9443" + PATH,
                new CalledUrl("http", "x", "https", "public.example:9443", "8443", PATH).resolve(Optional.empty()));
        assertEquals("https://[2001:db8::1]:8443" + PATH,
                new CalledUrl("http", "x", "https", "[2001:db8::1]", "8443", PATH).resolve(Optional.empty()));
    }

    @Test
    void publicUrlReplacesEverythingButPathAndQuery() {
        assertEquals("https://public.example/base" + PATH, new CalledUrl("http", "127.0.0.1:8081", "http", "evil",
                "1", PATH).resolve(Optional.of(" https://public.example/base/ ")));
    }

    @Test
    void aPublicUrlPastedWithTwiliosConnectionOverridesNamesTheSameUrl() {
        // Twilio leaves the fragment out of what it signs (docs/research/twilio.md, section 2)
        assertEquals("https://public.example" + PATH, new CalledUrl("http", "127.0.0.1:8081", null, null, null, PATH)
                .resolve(Optional.of("https://public.example#rc=5&rp=5xx,ct,rt&rt=7000&tt=15000")));
    }

    @Test
    void missingHostStillGivesAUrlThatSimplyWillNotMatch() {
        assertEquals("http://" + PATH, new CalledUrl("http", null, null, null, null, PATH).resolve(Optional.empty()));
    }
}
