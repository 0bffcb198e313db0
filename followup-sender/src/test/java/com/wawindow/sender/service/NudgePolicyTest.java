package com.wawindow.sender.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.WindowExpiringSoon;
import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.service.NudgePolicy.Facts;
import com.wawindow.sender.service.NudgePolicy.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The in-window nudge rules at fixed instants. */
class NudgePolicyTest {

    /** 15:30 UTC, 22:30 in Jakarta. */
    private static final Instant NOW = Instant.parse("2026-03-10T15:30:00Z");
    private static final Duration MARGIN = Duration.ofMinutes(1);
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final Facts NOTHING_AGAINST = new Facts(false, false, Optional.empty(), JAKARTA);

    @Test
    void anOpenWindowFarFromItsDeadlineIsNudged() {
        assertInstanceOf(Verdict.Send.class, decide(event(NOW.plus(Duration.ofHours(1))), rule(), NOTHING_AGAINST));
    }

    @Test
    void aWindowThatClosesWithinTheMarginIsDroppedNeverNudgedLate() {
        assertInstanceOf(Verdict.Drop.class, decide(event(NOW.plusSeconds(59)), rule(), NOTHING_AGAINST));
        assertInstanceOf(Verdict.Drop.class, decide(event(NOW.minusSeconds(5)), rule(), NOTHING_AGAINST));
        assertInstanceOf(Verdict.Send.class, decide(event(NOW.plusSeconds(61)), rule(), NOTHING_AGAINST));
    }

    @Test
    void everySkipSaysWhy() {
        WindowExpiringSoon open = event(NOW.plus(Duration.ofHours(1)));
        assertEquals(new Verdict.Skip("contact opted out"),
                decide(open, rule(), new Facts(true, false, Optional.empty(), JAKARTA)));
        assertEquals(new Verdict.Skip("contact wrote since the window opened"),
                decide(open, rule(), new Facts(false, true, Optional.empty(), JAKARTA)));
        FollowupRule quiet = rule();
        quiet.quietHours = "21:00-08:00";
        assertEquals(new Verdict.Skip("quiet hours 21:00-08:00 in Asia/Jakarta"), decide(open, quiet, NOTHING_AGAINST));
        FollowupRule afterSend = rule();
        afterSend.quietAfterSendSeconds = 600;
        assertInstanceOf(Verdict.Skip.class,
                decide(open, afterSend, new Facts(false, false, Optional.of(NOW.minusSeconds(599)), JAKARTA)));
        assertInstanceOf(Verdict.Send.class,
                decide(open, afterSend, new Facts(false, false, Optional.of(NOW.minusSeconds(601)), JAKARTA)));
    }

    @Test
    void theHoldoutShareIsStableAndCloseToItsPercentage() {
        FollowupRule rule = rule();
        rule.holdoutPercent = 30;
        int heldOut = 0;
        for (int i = 0; i < 10_000; i++) {
            UUID window = UUID.randomUUID();
            boolean first = NudgePolicy.heldOut(window, rule.id, 30);
            assertEquals(first, NudgePolicy.heldOut(window, rule.id, 30), "a redelivery lands in the same arm");
            heldOut += first ? 1 : 0;
        }
        assertTrue(heldOut > 2_800 && heldOut < 3_200, heldOut + " of 10,000 held out at 30 %");
        rule.holdoutPercent = 100;
        assertInstanceOf(Verdict.HoldOut.class, decide(event(NOW.plus(Duration.ofHours(1))), rule, NOTHING_AGAINST));
        rule.holdoutPercent = 0;
        assertInstanceOf(Verdict.Send.class, decide(event(NOW.plus(Duration.ofHours(1))), rule, NOTHING_AGAINST));
    }

    private static Verdict decide(WindowExpiringSoon event, FollowupRule rule, Facts facts) {
        return NudgePolicy.decide(event, rule, facts, NOW, MARGIN);
    }

    private static WindowExpiringSoon event(Instant expiresAt) {
        return new WindowExpiringSoon(UUID.randomUUID(), WindowExpiringSoon.CURRENT_VERSION, "+6281234567890",
                "whatsapp:+6281234567890", "whatsapp:+14155238886", "Budi", expiresAt.minus(Duration.ofHours(24)),
                expiresAt, NOW, "SM1", false);
    }

    private static FollowupRule rule() {
        FollowupRule rule = new FollowupRule();
        rule.id = 9L;
        rule.name = "nudge";
        rule.kind = FollowupRule.Kind.NUDGE;
        rule.body = "Anything else we can help with, {profileName|there}?";
        rule.enabled = true;
        return rule;
    }
}
