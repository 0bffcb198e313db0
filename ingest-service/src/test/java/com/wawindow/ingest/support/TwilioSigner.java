package com.wawindow.ingest.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests the way Twilio documents it, written independently of the SDK the service uses: the URL, then
 * for each parameter name in sorted order each of its distinct values, sorted, as name + value; HMAC-SHA1 with
 * the auth token; Base64.
 */
public final class TwilioSigner {

    private TwilioSigner() {
    }

    public static String sign(String authToken, String url, List<Map.Entry<String, String>> parameters) {
        TreeMap<String, TreeSet<String>> sorted = new TreeMap<>();
        parameters.forEach(p -> sorted.computeIfAbsent(p.getKey(), k -> new TreeSet<>()).add(p.getValue()));
        StringBuilder data = new StringBuilder(url);
        sorted.forEach((name, values) -> values.forEach(value -> data.append(name).append(value)));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
