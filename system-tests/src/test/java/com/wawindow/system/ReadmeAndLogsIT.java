package com.wawindow.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.infra.ProjectRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What a new user runs, run as printed: the system starts with the keys and webhook token that
 * {@code scripts/local-secrets.sh} generates for {@code ./run-local.sh}; the README's webhook example (its bash
 * block, as it stands) and the curls {@code ./run-local.sh} prints pass the signature check and the key check.
 * Then the logs of that whole flow (webhook, window closes, follow-up at the fake Twilio), from all three service
 * processes, hold no full phone number, no profile name, no token and no API key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadmeAndLogsIT {

    private static final Duration WINDOW = Duration.ofSeconds(4);
    /** The README's and run-local's example contact. */
    private static final String EXAMPLE_CONTACT = "+6281234567890";
    private static final String OTHER_CONTACT = "+6281377700001";
    private static final Pattern README_BLOCK = Pattern.compile(
            "<!-- webhook-example[^>]*-->\\s*```bash\\n(.*?)\\n```", Pattern.DOTALL);
    private static final List<String> MODULES = List.of("ingest-service", "window-tracker", "followup-sender");

    private static Path root;
    private static Path workDir;
    private static RunningSystem system;

    @BeforeAll
    static void startSystem() throws Exception {
        root = ProjectRoot.find();
        workDir = Path.of("target", "readme-it-" + System.currentTimeMillis()).toAbsolutePath();
        Secrets secrets = Secrets.fromLocalSecrets(root, workDir.resolve(".local"));
        assertEquals("600", permissions(workDir.resolve(".local/secrets.env")));
        system = RunningSystem.start("readme", WINDOW, Map.of(), secrets);
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    @Order(1)
    void theReadmeWebhookExampleWorksAsPrinted() throws Exception {
        Matcher block = README_BLOCK.matcher(Files.readString(root.resolve("README.md")));
        assertTrue(block.find(), "README.md has no <!-- webhook-example --> bash block");
        // run from a checkout whose .local/secrets.env is the generated one; nothing else in the environment
        String output = bash(block.group(1), workDir, Map.of("INGEST_URL", system.url("ingest-service"),
                "TRACKER_URL", system.url("window-tracker")));
        assertTrue(output.contains("HTTP/1.1 200"), output);
        assertFalse(output.contains("problems/unauthorized") || output.contains("problems/forbidden"), output);
    }

    @Test
    @Order(2)
    void theCurlsRunLocalPrintsWorkAsPrinted() throws Exception {
        String printed = bash("bash '" + root.resolve("scripts/local-examples.sh") + "'", workDir, Map.of(
                "INGEST_URL", system.url("ingest-service"), "TRACKER_URL", system.url("window-tracker"),
                "SENDER_URL", system.url("followup-sender"), "TWILIO_AUTH_TOKEN", system.secrets.webhookToken(),
                "API_VIEWER_KEYS", system.secrets.viewerKey(), "TWILIO_WHATSAPP_FROM", RunningSystem.BUSINESS));
        List<String> curls = curls(printed);
        assertEquals(3, curls.size(), printed);

        String webhook = bash(curls.get(0), workDir, Map.of());
        assertTrue(webhook.contains("HTTP/1.1 200"), webhook);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String window = bash(curls.get(1), workDir, Map.of());
            assertTrue(window.contains("\"contactId\":\"" + EXAMPLE_CONTACT + "\""), window);
        });
        String stats = bash(curls.get(2), workDir, Map.of());
        assertTrue(stats.startsWith("{") || stats.startsWith("["), stats);
        assertFalse(stats.contains("\"status\":401") || stats.contains("\"status\":403"), stats);
    }

    @Test
    @Order(3)
    void noLogOfTheWholeFlowHoldsAFullNumberATokenOrAKey() throws Exception {
        system.webhook(OTHER_CONTACT, "SMreadme000000000000000000000001", "Rahasia", "halo").statusCode(200);
        // each window closes and gets its follow-up at the fake Twilio: the whole flow has run and logged
        await().atMost(WINDOW.plusSeconds(40)).until(() -> system.messagesTo(EXAMPLE_CONTACT).size() == 1
                && system.messagesTo(OTHER_CONTACT).size() == 1);
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true); // let logs flush

        List<String> forbidden = new ArrayList<>(system.secrets.all());
        forbidden.add(EXAMPLE_CONTACT.substring(1)); // the digits: +62..., whatsapp:+62... and WaId alike
        forbidden.add(OTHER_CONTACT.substring(1));
        forbidden.add("Budi"); // profile names are personal data too, never logged at INFO or above (the prod level)
        forbidden.add("Rahasia");
        forbidden.add(Base64.getEncoder().encodeToString((RunningSystem.ACCOUNT_SID + ":" + system.secrets.senderToken())
                .getBytes(StandardCharsets.UTF_8)));
        List<String> leaks = new ArrayList<>();
        int lines = 0;
        for (String module : MODULES) {
            assertFalse(system.logs(module).isEmpty(), module);
            for (Path log : system.logs(module)) {
                List<String> content = Files.readAllLines(log, StandardCharsets.UTF_8);
                lines += content.size();
                for (String line : content) {
                    for (String secret : forbidden) {
                        if (line.contains(secret)) {
                            leaks.add(module + ": " + line.replace(secret, "<" + kind(secret) + ">"));
                        }
                    }
                }
            }
        }
        System.out.printf("log check: %d lines from %d processes, %d values looked for%n", lines,
                MODULES.stream().mapToInt(m -> system.logs(m).size()).sum(), forbidden.size());
        assertTrue(lines > 10, "the services logged almost nothing: " + lines + " lines");
        assertEquals(List.of(), leaks, "full phone numbers, tokens or keys in the logs");
    }

    private static String kind(String value) {
        if (Character.isUpperCase(value.charAt(0)) && value.length() < 10) {
            return "profile name";
        }
        return Character.isDigit(value.charAt(0)) && value.length() < 16 ? "phone number" : "secret";
    }

    /** The commands the script printed: each line starting with {@code curl}, with its continuation lines. */
    private static List<String> curls(String printed) {
        List<String> commands = new ArrayList<>();
        StringBuilder current = null;
        for (String line : printed.split("\n")) {
            String trimmed = line.strip();
            if (current == null && trimmed.startsWith("curl ")) {
                current = new StringBuilder();
            }
            if (current != null) {
                current.append(trimmed).append('\n');
                if (!trimmed.endsWith("\\")) {
                    commands.add(current.toString());
                    current = null;
                }
            }
        }
        return commands;
    }

    /** Runs a script with bash in {@code dir}, with none of the secrets' variables inherited; returns its output. */
    private static String bash(String script, Path dir, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true);
        for (String name : List.of("API_ADMIN_KEYS", "API_VIEWER_KEYS", "WINDOW_TRACKER_API_KEY", "TWILIO_AUTH_TOKEN",
                "INGEST_URL", "TRACKER_URL", "SENDER_URL")) {
            bash.environment().remove(name);
        }
        bash.environment().putAll(env);
        Process process = bash.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "bash did not finish: " + output);
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static String permissions(Path file) throws IOException {
        var perms = Files.getPosixFilePermissions(file);
        int mode = 0;
        for (var p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return Integer.toOctalString(mode);
    }
}
