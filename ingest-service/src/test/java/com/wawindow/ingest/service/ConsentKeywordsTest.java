package com.wawindow.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wawindow.events.ConsentChange;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsentKeywordsTest {

    private final ConsentKeywords keywords = new ConsentKeywords(List.of("berhenti", " Stop Promo "), List.of("Mulai"));

    @Test
    void twiliosKeywordsInAnyCaseAndSpacing() {
        for (String body : List.of("STOP", "stop", " Stop\n", "S T O P", "stopall", "Unsubscribe", "cancel", "END",
                "quit", "stop\u00a0all")) {
            assertEquals(ConsentChange.OPT_OUT, keywords.of(body), body);
        }
        for (String body : List.of("START", " start ", "unstop", "Un Stop")) {
            assertEquals(ConsentChange.OPT_IN, keywords.of(body), body);
        }
    }

    @Test
    void configuredLocalizedKeywords() {
        assertEquals(ConsentChange.OPT_OUT, keywords.of("BERHENTI"));
        assertEquals(ConsentChange.OPT_OUT, keywords.of("stoppromo"));
        assertEquals(ConsentChange.OPT_IN, keywords.of("mulai"));
    }

    @Test
    void keywordsInsideSentencesAndEmptyBodiesAreNotConsentChanges() {
        for (String body : List.of("please stop", "stop it", "", "   ", "startup", "x".repeat(200))) {
            assertEquals(ConsentChange.NONE, keywords.of(body), body);
        }
        assertEquals(ConsentChange.NONE, keywords.of(null));
    }

    @Test
    void optOutWinsWhenAKeywordIsConfiguredAsBoth() {
        assertEquals(ConsentChange.OPT_OUT, new ConsentKeywords(List.of("YA"), List.of("ya")).of("ya"));
    }
}
