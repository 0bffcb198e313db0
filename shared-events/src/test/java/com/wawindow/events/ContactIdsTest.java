package com.wawindow.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContactIdsTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "6281234567890, whatsapp:+6281234567890, null, +6281234567890",
            "null, whatsapp:+6281234567890, null, +6281234567890",
            "'', 'whatsapp:+62 812-3456-7890', null, +6281234567890",
            "null, WhatsApp:+14155238886, null, +14155238886",
            "null, +14155238886, null, +14155238886",
            "'+1 (415) 523-8886', null, null, +14155238886",
            "null, null, US.13491208655302741918, bsuid:US.13491208655302741918",
            "null, whatsapp:US.13491208655302741918, null, bsuid:US.13491208655302741918",
            "null, whatsapp:US.134912, US.134912, bsuid:US.134912",
    })
    void normalisesEveryTwilioIdentity(String waId, String from, String externalUserId, String expected) {
        assertEquals(Optional.of(expected), ContactIds.fromTwilio(waId, from, externalUserId));
    }

    @ParameterizedTest
    @CsvSource({"+6281234567890", "6281234567890", "whatsapp:+6281234567890", "'+62 812-3456-7890'",
            "' 62-812-3456-7890 '", "'whatsapp: +62 812 3456 7890'", "'+62 (812) 3456.7890'"})
    void everyFormPeopleTypeIsTheOneContact(String typed) {
        assertEquals(Optional.of("+6281234567890"), ContactIds.fromInput(typed));
    }

    @Test
    void aTypedBsuidStaysItselfAndBlankIsNobody() {
        assertEquals(Optional.of("bsuid:US.134912"), ContactIds.fromInput("bsuid:US.134912"));
        assertEquals(Optional.empty(), ContactIds.fromInput("  "));
        assertEquals(Optional.empty(), ContactIds.fromInput(null));
    }

    @Test
    void waIdWinsOverFrom() {
        assertEquals(Optional.of("+447700900123"), ContactIds.fromTwilio("447700900123", "whatsapp:+14155238886", null));
    }

    @Test
    void nothingIdentifiesNobody() {
        assertFalse(ContactIds.fromTwilio(null, "  ", "").isPresent());
        assertFalse(ContactIds.fromTwilio("", null, null).isPresent());
    }

    @Test
    void addressRoundTrips() {
        assertEquals("whatsapp:+6281234567890", ContactIds.whatsappAddress("+6281234567890"));
        assertEquals("whatsapp:US.1349", ContactIds.whatsappAddress("bsuid:US.1349"));
        assertTrue(ContactIds.isPhoneNumber("+6281234567890"));
        assertFalse(ContactIds.isPhoneNumber("bsuid:US.1349"));
        assertTrue(ContactIds.isBusinessScoped("bsuid:US.1349"));
        assertFalse(ContactIds.isBusinessScoped("+6281234567890"));
    }

    @Test
    void aBusinessScopedIdIsTheBsuidOfTheExternalUserId() {
        assertEquals(Optional.of("bsuid:US.1349"), ContactIds.businessScoped(" US.1349 "));
        assertEquals(ContactIds.fromTwilio(null, null, "US.1349"), ContactIds.businessScoped("US.1349"));
        assertEquals(Optional.empty(), ContactIds.businessScoped(" "));
        assertEquals(Optional.empty(), ContactIds.businessScoped(null));
    }

    @Test
    void masksAllButCountryCodeAndLastTwoDigits() {
        assertEquals("+62*********90", ContactIds.mask("whatsapp:+6281234567890"));
        assertEquals("+62*********90", ContactIds.mask("+6281234567890"));
        assertEquals("***", ContactIds.mask("abc"));
    }
}
