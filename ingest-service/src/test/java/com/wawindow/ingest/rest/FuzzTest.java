package com.wawindow.ingest.rest;

import static com.wawindow.ingest.support.WebhookClient.AUTH_TOKEN;
import static com.wawindow.ingest.support.WebhookClient.FORM;
import static com.wawindow.ingest.support.WebhookClient.STATUS;
import static com.wawindow.ingest.support.WebhookClient.WHATSAPP;
import static com.wawindow.ingest.support.WebhookClient.localUrl;
import static com.wawindow.ingest.support.WebhookClient.post;
import static com.wawindow.ingest.support.WebhookClient.postSigned;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.infra.InfraTestResource;
import com.wawindow.ingest.support.Form;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Random and malformed webhooks: whatever arrives, the answer is never a 5xx, every refusal is problem JSON, and a
 * correctly signed body with MessageSid and From is always accepted.
 */
@QuarkusTest
@WithTestResource(InfraTestResource.class)
class FuzzTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261123L);
    private static final String[] KNOWN = {"MessageSid", "From", "To", "Body", "WaId", "NumMedia", "MediaUrl0",
        "MediaContentType0", "MediaUrl7", "Latitude", "ReferralCtwaClid", "ProfileName", "MessageStatus",
        "ExternalUserId", "ButtonPayload", "ErrorCode"};
    private static final String[] CONTENT_TYPES = {FORM, FORM + "; charset=UTF-8", "APPLICATION/X-WWW-FORM-URLENCODED",
        "application/json", "text/plain", "", ";;;", "application/x-www-form-urlencoded;charset", "*/*",
        "multipart/form-data; boundary=----x", "text/xml; charset=\u00e9"};

    private final Random random = new Random(SEED);
    private final Map<Integer, Integer> statusCounts = new TreeMap<>();

    @Test
    void noInputYieldsA5xx() {
        // start once the service publishes: its producers connect lazily
        await().atMost(Duration.ofSeconds(60)).until(() -> postSigned(WHATSAPP,
                Form.whatsapp("SM" + UUID.randomUUID().toString().replace("-", ""), "6281200000999", "warm-up"))
                .statusCode() == 200);
        for (int i = 0; i < 300; i++) {
            check("random bytes #" + i, randomPath(), FORM, randomBytes(random.nextInt(2_000)), randomSignature());
        }
        for (int i = 0; i < 300; i++) {
            check("form-like noise #" + i, randomPath(), FORM, formLikeNoise().getBytes(StandardCharsets.ISO_8859_1),
                    randomSignature());
        }
        for (int i = 0; i < 150; i++) {
            String contentType = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
            check("content type '" + contentType + "' #" + i, randomPath(), contentType.isEmpty() ? null : contentType,
                    randomForm(true).encoded().getBytes(StandardCharsets.UTF_8), randomSignature());
        }
        for (int i = 0; i < 100; i++) {
            check("bad encoding #" + i, randomPath(), FORM, badEncoding().getBytes(StandardCharsets.US_ASCII),
                    randomSignature());
        }
        for (int i = 0; i < 50; i++) {
            Form form = randomForm(true).add("Body", "h".repeat(60_000 + random.nextInt(20_000)));
            check("huge body #" + i, WHATSAPP, FORM, form.encoded().getBytes(StandardCharsets.UTF_8),
                    form.sign(AUTH_TOKEN, localUrl(WHATSAPP)));
        }
        for (int i = 0; i < 400; i++) {
            boolean complete = random.nextInt(4) != 0;
            Form form = randomForm(complete);
            byte[] body = form.encoded().getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> response = check("signed random form #" + i, WHATSAPP, FORM, body,
                    form.sign(AUTH_TOKEN, localUrl(WHATSAPP)));
            if (complete && body.length <= 65_536) {
                assertEquals(200, response.statusCode(), "signed random form #" + i + " (seed " + SEED + "): "
                        + response.body());
            }
        }
        System.out.printf("fuzz: seed %d, statuses %s%n", SEED, statusCounts);
        // the inputs reached every check: accepted, malformed or incomplete, forged, too large, not a form
        assertEquals(Set.of(200, 400, 403, 413, 415), statusCounts.keySet(), "statuses (seed " + SEED + ")");
    }

    private HttpResponse<String> check(String name, String path, String contentType, byte[] body, String signature) {
        HttpResponse<String> response = post(path, contentType, body,
                signature == null ? Map.of() : Map.of("X-Twilio-Signature", signature));
        statusCounts.merge(response.statusCode(), 1, Integer::sum);
        assertTrue(response.statusCode() < 500, name + " (seed " + SEED + ") got " + response.statusCode() + ": "
                + response.body());
        if (response.statusCode() != 200) {
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""),
                    name + " (seed " + SEED + ")");
        }
        return response;
    }

    /** Random names (often Twilio's), random values, repeated keys; MessageSid and From present when complete. */
    private Form randomForm(boolean complete) {
        Form form = new Form();
        if (complete) {
            form.add("MessageSid", "SM" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong()));
            form.add("From", random.nextBoolean() ? "whatsapp:+62" + (100_000_000L + random.nextInt(900_000_000))
                    : randomText(random.nextInt(30)) + "x");
        }
        int count = random.nextInt(25);
        for (int i = 0; i < count; i++) {
            String name = random.nextInt(3) == 0 ? randomText(1 + random.nextInt(20)) : KNOWN[random.nextInt(KNOWN.length)];
            if (complete && (name.equals("MessageSid") || name.equals("From"))) {
                name = name + "X";
            }
            form.add(name, random.nextInt(10) == 0 ? randomText(random.nextInt(5_000)) : randomText(random.nextInt(40)));
        }
        return form;
    }

    /** Any code point but unpaired surrogates, control characters included. */
    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int kind = random.nextInt(10);
            int codePoint = kind < 5 ? 0x20 + random.nextInt(0x5f)
                    : kind < 7 ? random.nextInt(0x20)
                    : kind < 9 ? 0xa0 + random.nextInt(0xd7ff - 0xa0)
                    : 0x1f300 + random.nextInt(0x300);
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private String formLikeNoise() {
        String alphabet = "&=%+abcXYZ09\u00e9\u00ff;\n\r\t ";
        StringBuilder noise = new StringBuilder();
        int length = random.nextInt(300);
        for (int i = 0; i < length; i++) {
            noise.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return noise.toString();
    }

    /** Truncated and invalid percent escapes, overlong UTF-8, encoded surrogates, NUL bytes. */
    private String badEncoding() {
        List<String> pieces = new ArrayList<>(List.of("%", "%4", "%G1", "%C0%AF", "%ED%A0%80", "%FF%FE", "%00",
                "%E2%82", "%F0%9F%98", "MessageSid=SM1", "From=whatsapp%3A%2B62811", "&", "=", "+", "%25", "%2"));
        StringBuilder body = new StringBuilder();
        int count = 1 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
            body.append(pieces.get(random.nextInt(pieces.size())));
        }
        return body.toString();
    }

    private String randomPath() {
        return random.nextBoolean() ? WHATSAPP : STATUS;
    }

    private String randomSignature() {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> randomText(random.nextInt(40)).replaceAll("[^\\x20-\\x7e]", "a");
            default -> "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
        };
    }
}
