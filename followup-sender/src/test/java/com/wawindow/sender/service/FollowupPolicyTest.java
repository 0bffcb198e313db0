package com.wawindow.sender.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.wawindow.events.WindowExpired;
import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.entity.Template;
import com.wawindow.sender.service.FollowupPolicy.Facts;
import com.wawindow.sender.service.FollowupPolicy.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The follow-up rules at fixed instants: no broker, no database, no waiting. */
class FollowupPolicyTest {

    /** 22:30 in Jakarta (UTC+7). */
    private static final Instant NOW = Instant.parse("2026-03-10T15:30:00Z");
    private static final Duration COOLDOWN = Duration.ofHours(24);
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");

    @Test
    void aRuleWithoutDelayOrQuietHoursSendsNow() {
        assertInstanceOf(Verdict.SendNow.class, decide(rule(0, null), facts(template("UTILITY")), false));
    }

    @Test
    void theDelayCountsFromTheWindowsClose() {
        Verdict verdict = decide(rule(3600, null), facts(template("UTILITY")), false);
        assertEquals(NOW.minusSeconds(1).plusSeconds(3600), ((Verdict.SendLater) verdict).at());
    }

    @Test
    void aDelayAlreadyPastSendsNow() {
        WindowExpired longAgo = event(NOW.minus(Duration.ofHours(2)));
        assertInstanceOf(Verdict.SendNow.class,
                FollowupPolicy.decide(longAgo, rule(3600, null), facts(template("UTILITY")), false, NOW, COOLDOWN));
    }

    @Test
    void quietHoursMoveTheSendToTheirEndInTheContactsZone() {
        Verdict verdict = decide(rule(0, "21:00-08:00"), facts(template("UTILITY")), false);
        Verdict.SendLater later = (Verdict.SendLater) verdict;
        assertEquals(Instant.parse("2026-03-11T01:00:00Z"), later.at()); // 08:00 in Jakarta the next morning
        assertEquals("due at 2026-03-11T01:00:00Z (rule delay, quiet hours 21:00-08:00 in Asia/Jakarta)", later.reason());

        // the same rule for a contact in UTC (15:30 there): outside its quiet hours, so now
        Facts utc = new Facts(false, false, Optional.of(template("UTILITY")), 0, Optional.empty(), ZoneOffset.UTC);
        assertInstanceOf(Verdict.SendNow.class, decide(rule(0, "21:00-08:00"), utc, false));
    }

    @Test
    void aDueFollowUpGoesNowUnlessQuietHoursStillHoldIt() {
        assertInstanceOf(Verdict.SendNow.class, decide(rule(3600, null), facts(template("UTILITY")), true));
        assertInstanceOf(Verdict.SendLater.class, decide(rule(3600, "21:00-08:00"), facts(template("UTILITY")), true));
    }

    @Test
    void everySkipSaysWhy() {
        FollowupRule rule = rule(0, null);
        Template approved = template("UTILITY");
        assertSkip("contact opted out", rule, new Facts(true, false, Optional.of(approved), 0, Optional.empty(), JAKARTA));
        assertSkip("contact replied after the window opened", rule,
                new Facts(false, true, Optional.of(approved), 0, Optional.empty(), JAKARTA));
        assertSkip("template " + rule.contentSid + " is not in the registry", rule,
                new Facts(false, false, Optional.empty(), 0, Optional.empty(), JAKARTA));
        Template rejected = template("UTILITY");
        rejected.approvalStatus = "rejected";
        rejected.rejectionReason = "INVALID_FORMAT";
        assertSkip("template " + rule.contentSid + " is rejected: INVALID_FORMAT", rule,
                new Facts(false, false, Optional.of(rejected), 0, Optional.empty(), JAKARTA));
        assertSkip("this window already had 1 follow-up(s) (rule max per window)", rule,
                new Facts(false, false, Optional.of(approved), 1, Optional.empty(), JAKARTA));
    }

    @Test
    void aReplyOnlyStopsRulesThatStopOnReply() {
        FollowupRule keepsGoing = rule(0, null);
        keepsGoing.stopOnReply = false;
        assertInstanceOf(Verdict.SendNow.class, decide(keepsGoing,
                new Facts(false, true, Optional.of(template("UTILITY")), 0, Optional.empty(), JAKARTA), false));
    }

    @Test
    void aSecondMarketingTemplateWaitsForTheCooldown() {
        Template marketing = template("MARKETING");
        Facts sentJustInside = new Facts(false, false, Optional.of(marketing), 0,
                Optional.of(NOW.minus(COOLDOWN)), JAKARTA);
        assertSkip("a MARKETING template reached this contact within PT24H", rule(0, null), sentJustInside);

        Facts sentBefore = new Facts(false, false, Optional.of(marketing), 0,
                Optional.of(NOW.minus(COOLDOWN).minusMillis(1)), JAKARTA);
        assertInstanceOf(Verdict.SendNow.class, decide(rule(0, null), sentBefore, false));
        // a UTILITY template is not held by the marketing cooldown
        assertInstanceOf(Verdict.SendNow.class, decide(rule(0, null), new Facts(false, false,
                Optional.of(template("UTILITY")), 0, Optional.of(NOW.minusSeconds(5)), JAKARTA), false));
    }

    @Test
    void aRuleThatRequiresUtilitySkipsATemplateMetaMovedOutOfIt() {
        FollowupRule utilityOnly = rule(0, null);
        utilityOnly.requireUtility = true;
        Template moved = template("MARKETING");
        moved.recategorisedFrom = "UTILITY";
        assertSkip("rule test requires a UTILITY template; " + moved.contentSid
                + " is MARKETING (Meta re-categorised it from UTILITY)", utilityOnly, facts(moved));
        assertInstanceOf(Verdict.SendNow.class, decide(utilityOnly, facts(template("UTILITY")), false));
        // a rule without the option sends the same template
        assertInstanceOf(Verdict.SendNow.class, decide(rule(0, null), facts(moved), false));
    }

    @Test
    void aRuleThatPrefersFreeSendsWhileTheEntryPointWindowIsOpenInsteadOfAfterItsDelay() {
        FollowupRule preferFree = rule(6 * 3600, null);
        preferFree.preferFree = true;
        WindowExpired freeForAnHour = entryPointEvent(NOW.plus(Duration.ofHours(1)));
        assertInstanceOf(Verdict.SendNow.class,
                FollowupPolicy.decide(freeForAnHour, preferFree, facts(template("MARKETING")), false, NOW, COOLDOWN));
        // without the option, the delay holds and the send is billed
        assertInstanceOf(Verdict.SendLater.class,
                FollowupPolicy.decide(freeForAnHour, rule(6 * 3600, null), facts(template("MARKETING")), false, NOW, COOLDOWN));
        // the delay ends inside the free window anyway: nothing to move
        WindowExpired freeForADay = entryPointEvent(NOW.plus(Duration.ofDays(1)));
        Verdict.SendLater later = (Verdict.SendLater) FollowupPolicy.decide(freeForADay, preferFree,
                facts(template("MARKETING")), false, NOW, COOLDOWN);
        assertEquals(NOW.minusSeconds(1).plusSeconds(6 * 3600), later.at());
        // quiet hours (22:30 in Jakarta now, until 08:00 = 01:00Z) outlast the free window: the rule's own time stands
        FollowupRule quiet = rule(6 * 3600, "21:00-08:00");
        quiet.preferFree = true;
        Verdict.SendLater quietLater = (Verdict.SendLater) FollowupPolicy.decide(freeForAnHour, quiet,
                facts(template("MARKETING")), false, NOW, COOLDOWN);
        assertEquals(Instant.parse("2026-03-11T01:00:00Z"), quietLater.at());
        // a free window already closed changes nothing
        assertInstanceOf(Verdict.SendLater.class, FollowupPolicy.decide(entryPointEvent(NOW.minusSeconds(60)), preferFree,
                facts(template("MARKETING")), false, NOW, COOLDOWN));
    }

    private static WindowExpired entryPointEvent(Instant entryPointExpiresAt) {
        Instant expiredAt = NOW.minusSeconds(1);
        return new WindowExpired(UUID.randomUUID(), WindowExpired.CURRENT_VERSION, "+6281234567890",
                "whatsapp:+6281234567890", "whatsapp:+14155238886", "Budi", expiredAt.minus(Duration.ofHours(24)),
                expiredAt, "SM1", false, entryPointExpiresAt.isAfter(expiredAt), entryPointExpiresAt);
    }

    private static void assertSkip(String reason, FollowupRule rule, Facts facts) {
        assertEquals(new Verdict.Skip(reason), decide(rule, facts, false));
    }

    private static Verdict decide(FollowupRule rule, Facts facts, boolean due) {
        return FollowupPolicy.decide(event(NOW.minusSeconds(1)), rule, facts, due, NOW, COOLDOWN);
    }

    private static Facts facts(Template template) {
        return new Facts(false, false, Optional.of(template), 0, Optional.empty(), JAKARTA);
    }

    private static WindowExpired event(Instant expiredAt) {
        return new WindowExpired(UUID.randomUUID(), WindowExpired.CURRENT_VERSION, "+6281234567890",
                "whatsapp:+6281234567890", "whatsapp:+14155238886", "Budi", expiredAt.minus(Duration.ofHours(24)),
                expiredAt, "SM1", false, false);
    }

    private static FollowupRule rule(long delaySeconds, String quietHours) {
        FollowupRule rule = new FollowupRule();
        rule.id = 7L;
        rule.name = "test";
        rule.contentSid = "HX" + "a".repeat(32);
        rule.contentVariables = "{}";
        rule.delaySeconds = delaySeconds;
        rule.maxPerWindow = 1;
        rule.stopOnReply = true;
        rule.quietHours = quietHours;
        rule.enabled = true;
        return rule;
    }

    private static Template template(String category) {
        Template template = new Template();
        template.contentSid = "HX" + "a".repeat(32);
        template.category = category;
        template.approvalStatus = Template.APPROVED;
        return template;
    }
}
