package com.wawindow.ingest.service;

import com.twilio.security.RequestValidator;
import com.wawindow.ingest.config.IngestConfig;
import com.wawindow.ingest.config.TwilioConfig;
import com.wawindow.support.problem.ProblemException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks {@code X-Twilio-Signature} with the Twilio SDK's {@link RequestValidator}, which also tries the URL with
 * and without its default port. The primary token is tried first, then the secondary one during a rotation.
 */
@Singleton
public class SignatureVerifier {

    private final List<RequestValidator> validators = new ArrayList<>(2);
    private final boolean enabled;
    private final Optional<String> publicUrl;

    public SignatureVerifier(IngestConfig ingest, TwilioConfig twilio) {
        twilio.authToken().filter(t -> !t.isBlank()).map(RequestValidator::new).ifPresent(validators::add);
        twilio.authTokenSecondary().filter(t -> !t.isBlank()).map(RequestValidator::new).ifPresent(validators::add);
        this.enabled = ingest.signatureValidation();
        this.publicUrl = ingest.publicUrl().filter(u -> !u.isBlank());
    }

    /** @throws ProblemException {@link IngestProblems#INVALID_SIGNATURE} unless one of the tokens signed this request */
    public void verify(CalledUrl calledUrl, FormParameters form, String signature) {
        if (!enabled) {
            return;
        }
        if (signature == null || signature.isBlank()) {
            throw new ProblemException(IngestProblems.INVALID_SIGNATURE, "X-Twilio-Signature is missing");
        }
        String url = calledUrl.resolve(publicUrl);
        Map<String, String> signed = signedParameters(form);
        for (RequestValidator validator : validators) {
            if (validator.validate(url, signed, signature.trim())) {
                return;
            }
        }
        throw new ProblemException(IngestProblems.INVALID_SIGNATURE,
                "X-Twilio-Signature does not match this request for the URL Twilio called");
    }

    /**
     * A JSON webhook (Event Streams): Twilio signs the URL it called, which carries {@code bodySHA256}, the hex SHA-256
     * of the body; the SDK checks both.
     *
     * @throws ProblemException {@link IngestProblems#INVALID_SIGNATURE} unless one of the tokens signed this request
     */
    public void verifyJson(CalledUrl calledUrl, byte[] body, String signature) {
        if (!enabled) {
            return;
        }
        if (signature == null || signature.isBlank()) {
            throw new ProblemException(IngestProblems.INVALID_SIGNATURE, "X-Twilio-Signature is missing");
        }
        String url = calledUrl.resolve(publicUrl);
        if (!url.contains("bodySHA256=")) {
            throw new ProblemException(IngestProblems.INVALID_SIGNATURE,
                    "the URL Twilio called has no bodySHA256: a JSON webhook's signature covers its body through it");
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        for (RequestValidator validator : validators) {
            try {
                if (validator.validate(url, text, signature.trim())) {
                    return;
                }
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                break;
            }
        }
        throw new ProblemException(IngestProblems.INVALID_SIGNATURE,
                "X-Twilio-Signature does not match this request's URL and body");
    }

    /**
     * The SDK takes one value per name and appends name and value for each name in sorted order. Twilio signs a
     * repeated name once per distinct value, values sorted; folding {@code v1 + name + v2 ...} into one map value
     * makes the SDK build exactly that string.
     */
    static Map<String, String> signedParameters(FormParameters form) {
        Map<String, List<String>> grouped = form.grouped();
        Map<String, String> signed = new HashMap<>(grouped.size() * 2);
        grouped.forEach((name, values) -> {
            if (values.size() == 1) {
                signed.put(name, values.get(0));
            } else {
                signed.put(name, String.join(name, new TreeSet<>(values)));
            }
        });
        return signed;
    }
}
