package com.wawindow.sender.service;

import com.wawindow.support.problem.ProblemException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta"); // UTC+7
    private final QuietHours night = QuietHours.parse("21:00-08:00").orElseThrow();

    @Test
    void aSendAtNightWaitsForTheMorningInTheContactsZone() {
        // 23:30 in Jakarta
        assertEquals(Instant.parse("2026-03-02T01:00:00Z"), night.nextAllowed(Instant.parse("2026-03-01T16:30:00Z"), JAKARTA));
        // 03:00 in Jakarta, after midnight
        assertEquals(Instant.parse("2026-03-02T01:00:00Z"), night.nextAllowed(Instant.parse("2026-03-01T20:00:00Z"), JAKARTA));
    }

    @Test
    void aSendDuringTheDayGoesAtOnce() {
        Instant noonInJakarta = Instant.parse("2026-03-01T05:00:00Z");
        assertEquals(noonInJakarta, night.nextAllowed(noonInJakarta, JAKARTA));
    }

    @Test
    void rangesWithinOneDayWork() {
        QuietHours lunch = QuietHours.parse("12:00-13:00").orElseThrow();
        assertEquals(Instant.parse("2026-03-01T13:00:00Z"), lunch.nextAllowed(Instant.parse("2026-03-01T12:10:00Z"), ZoneId.of("UTC")));
    }

    @Test
    void parsesOrRefuses() {
        assertTrue(QuietHours.parse(" ").isEmpty());
        assertThrows(ProblemException.class, () -> QuietHours.parse("late"));
        assertThrows(ProblemException.class, () -> QuietHours.parse("25:00-08:00"));
    }

    @Test
    void aContactsZoneComesFromTheCountryCode() {
        assertEquals(ZoneId.of("Asia/Jakarta"), ContactZones.fromNumber("+6281234567890"));
        assertEquals(ZoneId.of("America/New_York"), ContactZones.fromNumber("+12125551234"));
        assertEquals(ZoneId.of("UTC").normalized(), ContactZones.fromNumber("bsuid:abc").normalized());
    }
}
