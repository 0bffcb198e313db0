package com.wawindow.support.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final ApiKeys keys = new ApiKeys(List.of("admin-old", " admin-new "), List.of("viewer-1", ""));

    @Test
    void adminKeysCarryBothRolesAndRotationKeepsBothKeysValid() {
        assertEquals(Set.of(Roles.ADMIN, Roles.VIEWER), keys.match("admin-old").orElseThrow().roles());
        assertEquals(Set.of(Roles.ADMIN, Roles.VIEWER), keys.match("admin-new").orElseThrow().roles());
        assertEquals("admin-key-2", keys.match("admin-new").orElseThrow().name());
    }

    @Test
    void viewerKeysReadOnly() {
        assertEquals(Set.of(Roles.VIEWER), keys.match("viewer-1").orElseThrow().roles());
        assertEquals("viewer-key-1", keys.match("viewer-1").orElseThrow().name());
    }

    @Test
    void unknownPrefixedAndEmptyKeysDoNotMatch() {
        assertTrue(keys.match("viewer-").isEmpty());
        assertTrue(keys.match("viewer-12").isEmpty());
        assertTrue(keys.match("").isEmpty());
        assertTrue(keys.match(null).isEmpty());
    }

    @Test
    void blankEntriesAreNotKeys() {
        assertTrue(new ApiKeys(List.of(" ", ""), List.of()).isEmpty());
        assertFalse(keys.isEmpty());
    }

    @Test
    void aGrantNameNeverContainsTheKey() {
        keys.match("admin-old").ifPresent(grant -> assertFalse(grant.name().contains("admin-old")));
    }
}
