package com.wawindow.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.wawindow.ingest.service.FormParameters.Parameter;
import com.wawindow.support.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormParametersTest {

    @Test
    void keepsOrderRepeatedNamesAndExactValues() {
        FormParameters form = parse("Body=a+b%2Bc&To=whatsapp%3A%2B1&Body=second&Empty=&NoEquals&&=nameless");
        assertEquals(List.of(new Parameter("Body", "a b+c"), new Parameter("To", "whatsapp:+1"),
                new Parameter("Body", "second"), new Parameter("Empty", ""), new Parameter("NoEquals", ""),
                new Parameter("", "nameless")), form.all());
        assertEquals("a b+c", form.first("Body"));
        assertNull(form.first("Missing"));
        assertEquals(Map.of("Body", List.of("a b+c", "second"), "To", List.of("whatsapp:+1"), "Empty", List.of(""),
                "NoEquals", List.of(""), "", List.of("nameless")), form.grouped());
    }

    @Test
    void decodesMultiByteUtf8AndEmptyBodies() {
        assertEquals("Halo \uD83D\uDC4B \u00e9", parse("Body=Halo+%F0%9F%91%8B+%C3%A9").first("Body"));
        assertEquals(List.of(), parse("").all());
        assertEquals("=x", parse("a==x").first("a"));
    }

    @Test
    void rejectsBrokenEscapesAndNonUtf8() {
        for (String body : List.of("a=%", "a=%4", "a=%G0", "a=%E9", "a=%C0%AF", "a=%ED%A0%80", "%ZZ=1")) {
            ProblemException rejection = assertThrows(ProblemException.class, () -> parse(body), body);
            assertEquals(IngestProblems.MALFORMED_FORM, rejection.type());
        }
    }

    private static FormParameters parse(String body) {
        return FormParameters.parse(body.getBytes(StandardCharsets.US_ASCII));
    }
}
