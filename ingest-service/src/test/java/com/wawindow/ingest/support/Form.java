package com.wawindow.ingest.support;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** An ordered form, repeated names allowed, encoded as Twilio sends it. */
public final class Form {

    private final List<Map.Entry<String, String>> parameters = new ArrayList<>();

    public static Form of(String... namesAndValues) {
        Form form = new Form();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            form.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    /** A typical inbound WhatsApp message from {@code waId}. */
    public static Form whatsapp(String messageSid, String waId, String body) {
        return of("SmsMessageSid", messageSid, "NumMedia", "0", "ProfileName", "Budi", "MessageType", "text",
                "SmsSid", messageSid, "WaId", waId, "SmsStatus", "received", "Body", body,
                "To", "whatsapp:+14155238886", "NumSegments", "1", "ReferralNumMedia", "0", "MessageSid", messageSid,
                "AccountSid", "AC00000000000000000000000000000000", "From", "whatsapp:+" + waId, "ApiVersion", "2010-04-01");
    }

    public Form add(String name, String value) {
        parameters.add(Map.entry(name, value));
        return this;
    }

    public Form copy() {
        Form copy = new Form();
        copy.parameters.addAll(parameters);
        return copy;
    }

    /** Replaces the first value of {@code name}. */
    public Form with(String name, String value) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).getKey().equals(name)) {
                parameters.set(i, Map.entry(name, value));
                return this;
            }
        }
        return add(name, value);
    }

    public Form without(String name) {
        parameters.removeIf(p -> p.getKey().equals(name));
        return this;
    }

    public List<Map.Entry<String, String>> parameters() {
        return parameters;
    }

    public String encoded() {
        return parameters.stream()
                .map(p -> URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public String sign(String authToken, String url) {
        return TwilioSigner.sign(authToken, url, parameters);
    }
}
