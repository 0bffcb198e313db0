package com.wawindow.ingest.service;

import com.wawindow.support.problem.ProblemException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body, decoded byte by byte as UTF-8, in the order it was sent and
 * with repeated keys kept: the signature covers every value exactly as Twilio sent it.
 */
public final class FormParameters {

    /** One {@code name=value} pair. */
    public record Parameter(String name, String value) {
    }

    private final List<Parameter> parameters;

    private FormParameters(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    /** @throws ProblemException {@link IngestProblems#MALFORMED_FORM} for a bad percent escape or bytes that are not UTF-8 */
    public static FormParameters parse(byte[] body) {
        List<Parameter> parameters = new ArrayList<>();
        int start = 0;
        while (start <= body.length) {
            int end = indexOf(body, (byte) '&', start, body.length);
            if (end > start) {
                int equals = indexOf(body, (byte) '=', start, end);
                String name = decode(body, start, equals);
                String value = equals < end ? decode(body, equals + 1, end) : "";
                parameters.add(new Parameter(name, value));
            }
            start = end + 1;
        }
        return new FormParameters(parameters);
    }

    public List<Parameter> all() {
        return parameters;
    }

    /** The first value sent for {@code name}, or null. */
    public String first(String name) {
        for (Parameter parameter : parameters) {
            if (parameter.name().equals(name)) {
                return parameter.value();
            }
        }
        return null;
    }

    /** Every value of every name, names in first-seen order. */
    public Map<String, List<String>> grouped() {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        for (Parameter parameter : parameters) {
            grouped.computeIfAbsent(parameter.name(), k -> new ArrayList<>(1)).add(parameter.value());
        }
        return grouped;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return to;
    }

    private static String decode(byte[] body, int from, int to) {
        byte[] out = new byte[to - from];
        int length = 0;
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                out[length++] = ' ';
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw new ProblemException(IngestProblems.MALFORMED_FORM, "a percent escape is cut short");
                }
                int high = Character.digit(body[i + 1], 16);
                int low = Character.digit(body[i + 2], 16);
                if (high < 0 || low < 0) {
                    throw new ProblemException(IngestProblems.MALFORMED_FORM, "a percent escape is not two hex digits");
                }
                out[length++] = (byte) (high << 4 | low);
                i += 2;
            } else {
                out[length++] = b;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(IngestProblems.MALFORMED_FORM, "the body is not UTF-8");
        }
    }
}
