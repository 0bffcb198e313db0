package com.wawindow.sender.service;

import com.wawindow.events.WindowExpiringSoon;
import com.wawindow.sender.entity.FollowupRule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/**
 * The in-window nudge rules as a pure function of what is known and of "now": a free-form text goes while the window
 * is open and far enough from its deadline to arrive inside it, never to an opted-out contact, never inside quiet
 * hours, never when anything went to the contact within the rule's {@code quietAfterSendSeconds}, and never when the
 * contact wrote since the window opened (the window is open anyway). A window that passes every check is held out with
 * the rule's holdout share (by a hash of the window and rule, so a redelivery lands in the same arm).
 */
public final class NudgePolicy {

    /** What the database knows that the checks need. */
    public record Facts(boolean optedOut, boolean wroteSinceOpened, Optional<Instant> lastSentAt, ZoneId zone) {
    }

    /** Skip (and why), drop (the window closes too soon: never sent outside it), hold out, or send. */
    public sealed interface Verdict {
        record Skip(String reason) implements Verdict {
        }

        record Drop(String reason) implements Verdict {
        }

        record HoldOut() implements Verdict {
        }

        record Send() implements Verdict {
        }
    }

    private NudgePolicy() {
    }

    public static Verdict decide(WindowExpiringSoon event, FollowupRule rule, Facts facts, Instant now, Duration margin) {
        if (!now.isBefore(event.expiresAt().minus(margin))) {
            return new Verdict.Drop("the window closes at " + event.expiresAt() + ", less than " + margin
                    + " from now: a nudge might arrive after it");
        }
        if (event.optedOut() || facts.optedOut()) {
            return new Verdict.Skip("contact opted out");
        }
        if (facts.wroteSinceOpened()) {
            return new Verdict.Skip("contact wrote since the window opened");
        }
        Optional<QuietHours> quiet = QuietHours.parse(rule.quietHours);
        if (quiet.isPresent() && quiet.get().nextAllowed(now, facts.zone()).isAfter(now.plus(FollowupPolicy.SEND_NOW_TOLERANCE))) {
            return new Verdict.Skip("quiet hours " + rule.quietHours + " in " + facts.zone());
        }
        if (rule.quietAfterSendSeconds > 0 && facts.lastSentAt()
                .filter(at -> at.isAfter(now.minusSeconds(rule.quietAfterSendSeconds))).isPresent()) {
            return new Verdict.Skip("a message went to the contact at " + facts.lastSentAt().get() + ", within "
                    + Duration.ofSeconds(rule.quietAfterSendSeconds));
        }
        if (heldOut(event.eventId(), rule.id, rule.holdoutPercent)) {
            return new Verdict.HoldOut();
        }
        return new Verdict.Send();
    }

    /** Whether this (window, rule) falls in the holdout share: a stable hash, not a coin toss per delivery. */
    static boolean heldOut(UUID windowEventId, long ruleId, int holdoutPercent) {
        if (holdoutPercent <= 0) {
            return false;
        }
        UUID bucket = UUID.nameUUIDFromBytes((windowEventId + "/" + ruleId).getBytes(StandardCharsets.UTF_8));
        return Math.floorMod(bucket.getLeastSignificantBits(), 100) < holdoutPercent;
    }

    /** One nudge per window and rule: the contact plus the window's opening message. */
    static String nudgeKey(WindowExpiringSoon event, long ruleId) {
        return "nudge:" + event.contactId() + ":" + event.lastMessageAt().toEpochMilli() + ":rule:" + ruleId;
    }
}
