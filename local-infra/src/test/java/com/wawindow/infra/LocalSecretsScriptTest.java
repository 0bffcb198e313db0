package com.wawindow.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/local-secrets.sh, which ./run-local.sh runs: random keys once into secrets.env (mode 600), the same ones
 * on the next run, and a key given in the environment wins and is never written to the file.
 */
class LocalSecretsScriptTest {

    private static final List<String> NAMES = List.of("API_ADMIN_KEYS", "API_VIEWER_KEYS", "WINDOW_TRACKER_API_KEY",
            "TWILIO_AUTH_TOKEN", "CONSOLE_API_KEY", "CONSOLE_ADMIN_PASSWORD", "CONSOLE_SESSION_KEY");

    @TempDir
    Path dir;

    @Test
    void generatesOnceReusesAndLetsTheEnvironmentWin() throws Exception {
        Path file = dir.resolve(".local/secrets.env");
        run(Map.of());
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));
        Map<String, String> first = sourced(Map.of());
        assertEquals(Set.copyOf(NAMES), first.keySet());
        first.values().forEach(value -> assertTrue(value.matches("[a-z-]*[0-9a-f]{48}"), value));
        assertEquals(NAMES.size(), first.values().stream().distinct().count(), "every key is a different one");
        String written = Files.readString(file);

        run(Map.of());
        assertEquals(written, Files.readString(file), "a second run reuses the keys");
        assertEquals(first, sourced(Map.of()));

        Map<String, String> given = Map.of("API_ADMIN_KEYS", "my-admin-key", "TWILIO_AUTH_TOKEN", "my-twilio-token");
        Files.delete(file);
        run(given);
        String withGiven = Files.readString(file);
        assertFalse(withGiven.contains("my-admin-key") || withGiven.contains("my-twilio-token"),
                "nothing given in the environment is written: " + withGiven);
        assertFalse(withGiven.contains("TWILIO_AUTH_TOKEN="), "no webhook token is generated when one is given");
        Map<String, String> sourced = sourced(given);
        assertEquals("my-admin-key", sourced.get("API_ADMIN_KEYS"));
        assertEquals("my-twilio-token", sourced.get("TWILIO_AUTH_TOKEN"));
        assertNotEquals(first.get("API_VIEWER_KEYS"), sourced.get("API_VIEWER_KEYS"));

        // a key given on a later run wins over the file's as well
        assertEquals("rotated", sourced(Map.of("API_VIEWER_KEYS", "rotated")).get("API_VIEWER_KEYS"));
    }

    private void run(Map<String, String> env) throws IOException, InterruptedException {
        bash("bash '" + ProjectRoot.find().resolve("scripts/local-secrets.sh") + "' .local", env);
    }

    /** The variables as a shell sees them after {@code set -a; . .local/secrets.env; set +a}. */
    private Map<String, String> sourced(Map<String, String> env) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("set -a; . .local/secrets.env; set +a");
        NAMES.forEach(name -> script.append("; echo ").append(name).append("=${").append(name).append(":-}"));
        Map<String, String> values = new HashMap<>();
        for (String line : bash(script.toString(), env).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && eq < line.length() - 1) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return values;
    }

    private String bash(String script, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true);
        NAMES.forEach(bash.environment()::remove);
        bash.environment().putAll(env);
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), output);
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
