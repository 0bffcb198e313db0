package com.wawindow.ingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.infra.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every literal webhook token in the repository (Java constants, properties, shell and compose defaults) is one
 * that {@link StartupChecks} refuses in production: a new test token cannot be forgotten in that list.
 */
class ShippedTokensTest {

    private static final List<Pattern> LITERALS = List.of(
            // static final String AUTH_TOKEN = "..."; WEBHOOK_TOKEN, SENDER_TOKEN, SECONDARY_TOKEN likewise
            Pattern.compile("\\b[A-Z_]*TOKEN\\s+=\\s+\"([^\"]+)\""),
            // TWILIO_AUTH_TOKEN=... as a shell or env-file assignment
            Pattern.compile("(?m)^\\s*(?:export\\s+)?[A-Z_]*TOKEN[A-Z_]*=[\"']?([^\"'\\s$;]+)"),
            // twilio.auth-token=... and %test.twilio.auth-token-secondary=...
            Pattern.compile("(?m)^\\S*auth-token[\\w-]*\\s*=\\s*(\\S+)\\s*$"),
            // ${TWILIO_AUTH_TOKEN:-default} in shell and compose files
            Pattern.compile("TOKEN[A-Z_]*:-([^}]+)\\}"),
            // "twilio.auth-token", "value" in a Java map of test configuration
            Pattern.compile("\"twilio\\.auth-token[\\w-]*\"\\s*,\\s*\"([^\"]+)\""));

    @Test
    void everyTokenLiteralInTheRepositoryIsRefusedInProduction() throws IOException {
        Path root = ProjectRoot.find();
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(file -> !isExcluded(root.relativize(file)))
                    .filter(file -> file.toString().matches(".*\\.(java|properties|sh|ya?ml|env)$"))
                    .forEach(file -> collect(read(file), found));
        }
        // the scan sees the tokens this module's own tests use, so it does look where they are
        assertTrue(found.contains("12345") && found.contains("secondary-token-0123456789"), "found: " + found);
        Set<String> unlisted = new TreeSet<>(found);
        unlisted.removeAll(StartupChecks.SHIPPED_TOKENS);
        assertEquals(Set.of(), unlisted, "token literals in the repository that StartupChecks.SHIPPED_TOKENS lacks");
    }

    private static boolean isExcluded(Path relative) {
        String path = relative.toString().replace('\\', '/');
        return path.startsWith(".git/") || path.startsWith(".local/") || path.contains("/target/")
                || path.startsWith("target/") || path.endsWith("config/StartupChecks.java")
                || path.endsWith("config/ShippedTokensTest.java");
    }

    private static void collect(String text, Set<String> found) {
        for (Pattern pattern : LITERALS) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                String value = matcher.group(1).trim();
                if (!value.isEmpty() && !value.startsWith("$")) {
                    found.add(value);
                }
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }
}
