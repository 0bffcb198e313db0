package com.wawindow.sender.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.entity.Template;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The re-checks before every new attempt, at fixed instants; and the text a listed message must show. */
class AttemptCheckTest {

    private static final Instant NOON_JAKARTA = Instant.parse("2026-12-02T05:00:00Z");
    private static final Instant NIGHT_JAKARTA = Instant.parse("2026-12-02T15:30:00Z"); // 22:30 in Jakarta
    private static final String SID = "HX" + "1".repeat(32);

    @Test
    void aFollowUpGoesWhenNothingChanged() {
        assertInstanceOf(AttemptCheck.Verdict.Proceed.class, AttemptCheck.decide(followup(), facts(false, "approved", null,
                false, false), NOON_JAKARTA));
    }

    @Test
    void anOptOutSinceTheClaimStopsIt() {
        assertEquals(new AttemptCheck.Verdict.Stop("contact opted out"),
                AttemptCheck.decide(followup(), facts(true, "approved", null, false, false), NOON_JAKARTA));
    }

    @Test
    void aTemplateNoLongerApprovedStopsIt() {
        assertEquals(new AttemptCheck.Verdict.Stop("template " + SID + " is paused"),
                AttemptCheck.decide(followup(), facts(false, "paused", null, false, false), NOON_JAKARTA));
    }

    @Test
    void aTemplateMetaMovedOutOfUtilityStopsARuleThatRequiresUtility() {
        AttemptCheck.Facts facts = facts(false, "approved", null, false, false);
        facts.rule().get().name = "utility-only";
        facts.rule().get().requireUtility = true;
        facts.template().get().category = "MARKETING";
        facts.template().get().recategorisedFrom = "UTILITY";
        assertEquals(new AttemptCheck.Verdict.Stop("rule utility-only requires a UTILITY template; " + SID
                + " is MARKETING (Meta re-categorised it from UTILITY)"), AttemptCheck.decide(followup(), facts, NOON_JAKARTA));
        facts.template().get().category = "UTILITY";
        assertInstanceOf(AttemptCheck.Verdict.Proceed.class, AttemptCheck.decide(followup(), facts, NOON_JAKARTA));
    }

    @Test
    void aReplySinceTheWindowExpiredStopsIt() {
        assertEquals(new AttemptCheck.Verdict.Stop("contact wrote after the window expired"),
                AttemptCheck.decide(followup(), facts(false, "approved", null, true, true), NOON_JAKARTA));
    }

    @Test
    void quietHoursMakeItWaitUntilMorning() {
        AttemptCheck.Verdict verdict = AttemptCheck.decide(followup(), facts(false, "approved", "21:00-08:00", false, false),
                NIGHT_JAKARTA);
        assertEquals(Instant.parse("2026-12-03T01:00:00Z"), ((AttemptCheck.Verdict.Wait) verdict).until());
    }

    @Test
    void theExpectedTextFillsPlaceholdersFromVariablesThenSamples() {
        assertEquals("Hi Budi, order 42 shipped", ExpectedBody.render("Hi {{1}},  order {{2}}\nshipped ",
                "{\"1\":\"Budi\"}", "{\"1\":\"there\",\"2\":\"42\"}"));
        assertNull(ExpectedBody.render(null, "{}", null), "unknown text: no content match possible");
    }

    @Test
    void aNudgeRetriedNearItsDeadlineStopsAndOneRetriedEarlierGoes() {
        Instant deadline = NOON_JAKARTA.plusSeconds(90);
        AttemptCheck.Subject nudge = new AttemptCheck.Subject(Dispatch.Kind.NUDGE, "+6281234567890", null, 1L,
                UUID.randomUUID(), deadline.minus(java.time.Duration.ofHours(24)), deadline);
        AttemptCheck.Facts facts = new AttemptCheck.Facts(false, Optional.empty(), Optional.empty(), false, false, null,
                java.time.Duration.ofMinutes(1));
        assertInstanceOf(AttemptCheck.Verdict.Proceed.class, AttemptCheck.decide(nudge, facts, NOON_JAKARTA));
        AttemptCheck.Verdict late = AttemptCheck.decide(nudge, facts, NOON_JAKARTA.plusSeconds(30));
        assertInstanceOf(AttemptCheck.Verdict.Stop.class, late);
        assertTrue(((AttemptCheck.Verdict.Stop) late).reason().startsWith(AttemptCheck.NUDGE_TOO_LATE), late.toString());
        AttemptCheck.Facts replied = new AttemptCheck.Facts(false, Optional.empty(), Optional.empty(), true, false, null,
                java.time.Duration.ofMinutes(1));
        assertInstanceOf(AttemptCheck.Verdict.Stop.class, AttemptCheck.decide(nudge, replied, NOON_JAKARTA));
    }

    private static AttemptCheck.Subject followup() {
        return new AttemptCheck.Subject(Dispatch.Kind.FOLLOWUP, "+6281234567890", SID, 1L, UUID.randomUUID(),
                NOON_JAKARTA.minusSeconds(90_000), NOON_JAKARTA.minusSeconds(3_600));
    }

    private static AttemptCheck.Facts facts(boolean optedOut, String approval, String quietHours, boolean wroteAfterOpened,
            boolean wroteAfterExpired) {
        Template template = new Template();
        template.contentSid = SID;
        template.approvalStatus = approval;
        FollowupRule rule = new FollowupRule();
        rule.enabled = true;
        rule.stopOnReply = true;
        rule.quietHours = quietHours;
        return new AttemptCheck.Facts(optedOut, Optional.of(template), Optional.of(rule), wroteAfterOpened, wroteAfterExpired,
                ZoneId.of("Asia/Jakarta"));
    }
}
