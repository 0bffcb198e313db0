package com.wawindow.sender.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import com.wawindow.sender.repository.ProcessedInboundRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** processed_inbound keeps FOLLOWUP_PROCESSED_INBOUND_RETENTION (P7D) of MessageSids: older ones are forgotten. */
@QuarkusTest
class ProcessedInboundPrunerTest extends SenderTestBase {

    @Inject
    ProcessedInboundPruner pruner;

    @Inject
    ProcessedInboundRepository processed;

    @Test
    void sidsOlderThanTheRetentionAreForgottenNewerOnesStillDropRedeliveries() {
        String contact = TestEvents.newContactId();
        String old = "SM" + UUID.randomUUID().toString().replace("-", "");
        String recent = "SM" + UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        Instant eightDaysAgo = now.minus(Duration.ofDays(8));
        QuarkusTransaction.requiringNew().run(() -> {
            assertTrue(processed.recordFirstSeen(old, contact, eightDaysAgo, eightDaysAgo));
            assertTrue(processed.recordFirstSeen(recent, contact, now.minus(Duration.ofDays(6)), now.minus(Duration.ofDays(6))));
        });

        long deleted = pruner.prune();

        assertTrue(deleted >= 1, "at least the eight-day-old sid is forgotten");
        QuarkusTransaction.requiringNew().run(() -> {
            assertFalse(processed.recordFirstSeen(recent, contact, now, now), "six days old: still a redelivery");
            assertTrue(processed.recordFirstSeen(old, contact, now, now), "eight days old: forgotten, so new again");
        });
    }
}
