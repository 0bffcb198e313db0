package com.wawindow.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.InboundMessageReceived.Media;
import com.wawindow.support.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InboundMessageMapperTest {

    private static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    private final InboundMessageMapper mapper = new InboundMessageMapper(new ConsentKeywords(List.of(), List.of()),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void businessScopedUserWithoutPhoneNumberIsAContactToo() {
        InboundMessageReceived event = map("MessageSid=SM1&From=whatsapp%3AUS.13491208655302741&ExternalUserId=US.13491208655302741");
        assertEquals("bsuid:US.13491208655302741", event.contactId());
        assertEquals("US.13491208655302741", event.externalUserId());
        assertEquals(NOW, event.receivedAt());
        assertNull(event.referral());
        assertNull(event.location());
    }

    @Test
    void mediaPairedByIndexAndUnparsableNumMediaKeptAsSent() {
        InboundMessageReceived event = map("MessageSid=SM1&From=whatsapp%3A%2B62811111111&NumMedia=two"
                + "&MediaContentType1=audio%2Fogg&MediaUrl1=u1&MediaUrl0=u0&MediaUrl12345=far");
        assertEquals(List.of(new Media("u0", null), new Media("u1", "audio/ogg")), event.media());
        assertEquals(2, event.numMedia());
        assertEquals(Map.of("NumMedia", "two", "MediaUrl12345", "far"), event.otherParameters());
    }

    @Test
    void blankMessageSidOrFromIsMissing() {
        for (String body : List.of("From=whatsapp%3A%2B62811111111", "MessageSid=+&From=whatsapp%3A%2B62811111111",
                "MessageSid=SM1", "MessageSid=SM1&From=")) {
            ProblemException rejection = assertThrows(ProblemException.class, () -> map(body), body);
            assertEquals(IngestProblems.MISSING_PARAMETER, rejection.type());
        }
    }

    private InboundMessageReceived map(String body) {
        return mapper.map(FormParameters.parse(body.getBytes(StandardCharsets.US_ASCII)));
    }
}
