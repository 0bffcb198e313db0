package com.wawindow.support.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The configured keys, matched in constant time: every key is compared (as a SHA-256 digest, so lengths do not leak)
 * on every request, whatever matched first. A key itself is never kept in a name, logged or returned.
 */
public final class ApiKeys {

    /** Who a key is: a name that does not reveal the key ({@code admin-key-1}) and its roles. */
    public record Grant(String name, Set<String> roles) {
    }

    private record Entry(byte[] digest, Grant grant) {
    }

    private final List<Entry> entries = new ArrayList<>();

    public ApiKeys(List<String> adminKeys, List<String> viewerKeys) {
        add(adminKeys, "admin-key-", Set.of(Roles.ADMIN, Roles.VIEWER));
        add(viewerKeys, "viewer-key-", Set.of(Roles.VIEWER));
    }

    public static ApiKeys of(ApiKeyConfig config) {
        return new ApiKeys(config.adminKeys().orElse(List.of()), config.viewerKeys().orElse(List.of()));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Optional<Grant> match(String presented) {
        if (presented == null || presented.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        Grant found = null;
        for (Entry entry : entries) {
            boolean equal = MessageDigest.isEqual(digest, entry.digest());
            if (equal && found == null) {
                found = entry.grant();
            }
        }
        return Optional.ofNullable(found);
    }

    private void add(List<String> keys, String prefix, Set<String> roles) {
        int position = 0;
        for (String key : keys) {
            String trimmed = key.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            position++;
            entries.add(new Entry(sha256(trimmed), new Grant(prefix + position, roles)));
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
