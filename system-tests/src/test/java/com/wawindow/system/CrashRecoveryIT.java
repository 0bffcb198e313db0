package com.wawindow.system;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Zero lost inbound messages and zero duplicate follow-ups across SIGKILLs: ingest is killed while
 * webhooks arrive, the tracker is down while the windows close, the sender is killed mid-burst.
 */
class CrashRecoveryIT {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final int CONTACTS = 120;
    private static RunningSystem system;

    @BeforeAll
    static void startSystem() throws Exception {
        // a killed sender's unanswered claims are reconciled once their 10 s lease (database time) ran out
        system = RunningSystem.start("crash", WINDOW, Map.of("FOLLOWUP_MAX_MPS", "30",
                "FOLLOWUP_CLAIM_LEASE", "PT10S", "TWILIO_READ_TIMEOUT", "PT5S", "FOLLOWUP_CLAIM_RECOVERY_INTERVAL", "2s"));
    }

    @AfterAll
    static void stopSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void everyAcceptedMessageCountsAndEveryClosedWindowGetsExactlyOneFollowUp() throws Exception {
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            contacts.add(String.format("+6282%08d", i));
        }
        Map<String, Integer> statusByContact = new ConcurrentHashMap<>();
        ExecutorService twilioRetries = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> posts = new ArrayList<>();
            for (int i = 0; i < CONTACTS; i++) {
                String contact = contacts.get(i);
                String sid = String.format("SMcrash%027d", i);
                posts.add(twilioRetries.submit(() -> statusByContact.put(contact, post(contact, sid))));
                if (i == CONTACTS / 2) {
                    system.crash("ingest-service");
                }
            }
            for (Future<?> post : posts) {
                post.get();
            }
        } finally {
            twilioRetries.shutdown();
        }
        system.restart("ingest-service");
        // What Twilio does with a webhook that got no 2xx: it calls again (retries configured on the number).
        for (String contact : contacts) {
            if (statusByContact.get(contact) != 200) {
                int i = contacts.indexOf(contact);
                statusByContact.put(contact, post(contact, String.format("SMcrash%027d", i)));
            }
        }
        long accepted = statusByContact.values().stream().filter(status -> status == 200).count();
        assertEquals(CONTACTS, accepted, "after Twilio's retry every webhook is accepted: " + statusByContact);

        // The tracker crashes before any window closes and stays down past every deadline.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> system.window(contacts.get(CONTACTS - 1))
                .statusCode(200).body("state", equalTo("OPEN")));
        system.crash("window-tracker");
        Thread.sleep(WINDOW.toMillis()); // downtime: every window comes due while nobody watches
        system.restart("window-tracker");

        // The sender is killed in the middle of its burst of follow-ups.
        await().atMost(Duration.ofSeconds(60)).until(() -> system.allMessages().size() >= CONTACTS / 4);
        system.crashAndRestart("followup-sender");

        await().atMost(Duration.ofSeconds(90)).until(() -> system.allMessages().size() >= CONTACTS);
        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);

        Map<String, Long> perContact = system.allMessages().stream()
                .map(request -> RunningSystem.form(request).get("To"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        List<String> duplicates = perContact.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey).collect(Collectors.toList());
        List<String> missing = contacts.stream().filter(c -> !perContact.containsKey("whatsapp:" + c))
                .collect(Collectors.toList());
        assertTrue(duplicates.isEmpty(), "duplicate follow-ups: " + duplicates);
        assertTrue(missing.isEmpty(), "closed windows without a follow-up: " + missing);
        assertEquals(CONTACTS, system.allMessages().size());
    }

    private static int post(String contact, String messageSid) {
        try {
            return system.webhook(contact, messageSid, "Crash Test", "halo").extract().statusCode();
        } catch (Exception connectionRefusedOrReset) { // rest-assured rethrows IOExceptions unchecked
            return -1;
        }
    }
}
