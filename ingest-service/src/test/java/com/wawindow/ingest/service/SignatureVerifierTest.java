package com.wawindow.ingest.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.twilio.security.RequestValidator;
import com.wawindow.ingest.support.TwilioSigner;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SDK, fed by {@link SignatureVerifier#signedParameters}, agrees with Twilio's algorithm for any form. */
class SignatureVerifierTest {

    private static final String URL = "https://public.example/webhooks/twilio/whatsapp?x=1";
    private final RequestValidator sdk = new RequestValidator("token");

    @Test
    void singleValuedFormsAreSignedAsTheSdkSignsThem() {
        List<Map.Entry<String, String>> params = List.of(Map.entry("MessageSid", "SM1"), Map.entry("Body", "h\u00e9"),
                Map.entry("From", "whatsapp:+62811"));
        assertTrue(sdk.validate(URL, SignatureVerifier.signedParameters(form("MessageSid=SM1&Body=h%C3%A9&From=whatsapp%3A%2B62811")),
                TwilioSigner.sign("token", URL, params)));
    }

    @Test
    void repeatedNamesAreSignedOncePerDistinctValueInSortedOrder() {
        FormParameters form = form("Tag=b&MessageSid=SM1&Tag=a&Tag=b&Z=1");
        List<Map.Entry<String, String>> params = List.of(Map.entry("Tag", "b"), Map.entry("MessageSid", "SM1"),
                Map.entry("Tag", "a"), Map.entry("Tag", "b"), Map.entry("Z", "1"));
        assertTrue(sdk.validate(URL, SignatureVerifier.signedParameters(form), TwilioSigner.sign("token", URL, params)));
        assertFalse(sdk.validate(URL, SignatureVerifier.signedParameters(form("Tag=b&MessageSid=SM1&Z=1")),
                TwilioSigner.sign("token", URL, params)));
    }

    private static FormParameters form(String body) {
        return FormParameters.parse(body.getBytes(StandardCharsets.US_ASCII));
    }
}
