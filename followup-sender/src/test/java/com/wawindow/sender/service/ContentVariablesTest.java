package com.wawindow.sender.service;

import com.wawindow.support.problem.ProblemException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContentVariablesTest {

    @Test
    void substitutesKnownPlaceholdersAndKeepsConstants() {
        Map<String, String> values = Map.of("profileName", "Budi \"B\"", "expiredAt", "2026-01-01T00:00:00Z");

        assertEquals("{\"1\":\"Budi \\\"B\\\"\",\"2\":\"until 2026-01-01T00:00:00Z\",\"3\":\"SALE\",\"4\":\"{other}\"}",
                ContentVariables.render("{\"1\":\"{profileName}\",\"2\":\"until {expiredAt}\",\"3\":\"SALE\",\"4\":\"{other}\"}",
                        values));
    }

    @Test
    void aMissingValueTakesTheDefault() {
        Map<String, String> values = new HashMap<>();
        values.put("profileName", null);

        assertEquals("{\"1\":\"there\"}", ContentVariables.render("{\"1\":\"{profileName|there}\"}", values));
        assertEquals("{\"1\":\"\"}", ContentVariables.render("{\"1\":\"{profileName}\"}", values));
    }

    @Test
    void onlyJsonObjectsAreTemplates() {
        assertThrows(ProblemException.class, () -> ContentVariables.validate("[1]"));
        assertThrows(ProblemException.class, () -> ContentVariables.validate("{nope"));
    }
}
