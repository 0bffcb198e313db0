package com.wawindow.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets a running system is started with: drawn at random for each system, never a value shipped in the
 * repository (ingest's production start refuses those). {@link #fromLocalSecrets} reads them from a
 * {@code secrets.env} written by {@code scripts/local-secrets.sh}, as {@code ./run-local.sh} writes it.
 *
 * @param webhookToken the token ingest checks Twilio signatures with (TWILIO_AUTH_TOKEN)
 * @param senderToken  the sender's Twilio auth token, for the fake Twilio's basic auth
 * @param adminKey     API_ADMIN_KEYS
 * @param viewerKey    API_VIEWER_KEYS
 * @param trackerKey   WINDOW_TRACKER_API_KEY, also one of the tracker's viewer keys
 */
record Secrets(String webhookToken, String senderToken, String adminKey, String viewerKey, String trackerKey) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern LINE = Pattern.compile("(?m)^([A-Z_]+)=\\$\\{\\1:-([^}]*)}$");

    static Secrets random() {
        return new Secrets(hex(), hex(), "admin-" + hex(), "viewer-" + hex(), "sender-to-tracker-" + hex());
    }

    /** Runs {@code scripts/local-secrets.sh dir} with none of the variables set, then reads what it wrote. */
    static Secrets fromLocalSecrets(Path root, Path dir) throws IOException, InterruptedException {
        ProcessBuilder script = new ProcessBuilder("bash", root.resolve("scripts/local-secrets.sh").toString(),
                dir.toString()).redirectErrorStream(true);
        for (String name : List.of("API_ADMIN_KEYS", "API_VIEWER_KEYS", "WINDOW_TRACKER_API_KEY", "TWILIO_AUTH_TOKEN")) {
            script.environment().remove(name);
        }
        Process process = script.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("scripts/local-secrets.sh failed: " + output);
        }
        Map<String, String> values = new java.util.HashMap<>();
        Matcher m = LINE.matcher(Files.readString(dir.resolve("secrets.env")));
        while (m.find()) {
            values.put(m.group(1), m.group(2));
        }
        return new Secrets(values.get("TWILIO_AUTH_TOKEN"), hex(), values.get("API_ADMIN_KEYS"),
                values.get("API_VIEWER_KEYS"), values.get("WINDOW_TRACKER_API_KEY"));
    }

    /** Every secret value, for the check that none of them reaches a log. */
    List<String> all() {
        return List.of(webhookToken, senderToken, adminKey, viewerKey, trackerKey);
    }

    private static String hex() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
