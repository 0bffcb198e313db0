package com.wawindow.sender.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.wawindow.sender.client.TwilioSendException.Kind;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TwilioErrorsTest {

    @ParameterizedTest(name = "HTTP {0}, Twilio {1} -> {2}")
    @CsvSource({
            "429, 20429, RATE_LIMITED, true",
            "400, 63018, RATE_LIMITED, true",
            "500, 20500, OUTCOME_UNKNOWN, true",
            "503, 20503, OUTCOME_UNKNOWN, true",
            "400, 21211, REJECTED, false",
            "400, 63024, REJECTED, false",
            "400, 132015, REJECTED, false",
            "400, 132016, REJECTED, false",
            "400, 21610, OPTED_OUT, false",
            "400, 131050, OPTED_OUT, false",
            "400, 63016, OUTSIDE_WINDOW, false",
            "400, 131047, OUTSIDE_WINDOW, false",
            "400, 63049, MARKETING_LIMITED, true",
            "400, 131049, MARKETING_LIMITED, true"})
    void classifiesTwilioErrorCodes(int status, int code, Kind kind, boolean retried) {
        TwilioSendException failure = TwilioErrors.classify(
                new ApiException("scripted", code, "https://www.twilio.com/docs/errors/" + code, status, status, null, null, null));

        assertEquals(kind, failure.kind());
        assertEquals(String.valueOf(code), failure.errorCode());
        assertEquals(retried, failure instanceof TwilioSendException.Transient);
    }

    @Test
    void aReadTimeoutOrResetMayHaveCreatedTheMessage() {
        TwilioSendException timeout = TwilioErrors.classify(
                new ApiConnectionException("IOException during API request", new java.net.SocketTimeoutException("Read timed out")));
        assertEquals(Kind.OUTCOME_UNKNOWN, timeout.kind());
        assertEquals(true, ((TwilioSendException.Transient) timeout).maybeCreated());
        assertEquals(Kind.OUTCOME_UNKNOWN, TwilioErrors.classify(
                new ApiConnectionException("IOException during API request", new java.net.SocketException("Connection reset"))).kind());
        assertEquals(Kind.OUTCOME_UNKNOWN, TwilioErrors.classify(new ApiException("Read timed out", new IOException("Read timed out"))).kind());
    }

    @Test
    void aConnectionNeverMadeCreatedNothing() {
        TwilioSendException refused = TwilioErrors.classify(
                new ApiConnectionException("IOException during API request", new java.net.ConnectException("Connection refused")));
        assertEquals(Kind.UNAVAILABLE, refused.kind());
        assertEquals(false, ((TwilioSendException.Transient) refused).maybeCreated());
        assertInstanceOf(TwilioSendException.Transient.class, refused);
    }
}
