package com.wawindow.sender.service;

import com.wawindow.events.WindowExpired;
import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.entity.Template;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The follow-up rules as a pure function of what is known and of "now": skip (and why), send now, or send later
 * (rule delay, quiet hours in the contact's zone). No database, no clock of its own, so it is tested at fixed instants.
 */
public final class FollowupPolicy {

    /** Sends due within this much of now go at once rather than through the scheduler. */
    static final Duration SEND_NOW_TOLERANCE = Duration.ofSeconds(1);

    /**
     * What the database knows that the rules need.
     * @param followupsInWindow follow-ups this window already had, that went out or may still go (not dry runs)
     * @param zone the contact's zone, needed only when the rule has quiet hours
     */
    public record Facts(boolean optedOut, boolean repliedAfterWindowOpened, Optional<Template> template,
            long followupsInWindow, Optional<Instant> lastMarketingSentAt, ZoneId zone) {
    }

    /** What to do about one (window, rule). */
    public sealed interface Verdict {
        record Skip(String reason) implements Verdict {
        }

        record SendNow() implements Verdict {
        }

        record SendLater(Instant at, String reason) implements Verdict {
        }
    }

    private FollowupPolicy() {
    }

    /**
     * @param due the follow-up was scheduled and its time has come: no further delay, but every check again
     */
    public static Verdict decide(WindowExpired event, FollowupRule rule, Facts facts, boolean due, Instant now,
            Duration marketingCooldown) {
        Optional<String> skip = reasonToSkip(rule, facts, now, marketingCooldown);
        if (skip.isPresent()) {
            return new Verdict.Skip(skip.get());
        }
        Instant sendAt = due ? now : event.expiredAt().plusSeconds(rule.delaySeconds);
        if (sendAt.isBefore(now)) {
            sendAt = now;
        }
        Optional<QuietHours> quiet = QuietHours.parse(rule.quietHours);
        if (quiet.isPresent()) {
            sendAt = quiet.get().nextAllowed(sendAt, facts.zone());
        }
        Optional<Instant> free = whileFree(event, rule, quiet, facts.zone(), sendAt, now);
        if (free.isPresent()) {
            sendAt = free.get();
        }
        if (sendAt.isAfter(now.plus(SEND_NOW_TOLERANCE))) {
            return new Verdict.SendLater(sendAt, "due at " + sendAt + (quiet.isPresent()
                    ? " (rule delay, quiet hours " + rule.quietHours + " in " + facts.zone() + ")" : " (rule delay)"));
        }
        return new Verdict.SendNow();
    }

    /**
     * A rule that prefers free sends, whose time falls after the entry point window closes while it is still open: the
     * earliest time inside that window its quiet hours allow, if there is one.
     */
    private static Optional<Instant> whileFree(WindowExpired event, FollowupRule rule, Optional<QuietHours> quiet,
            ZoneId zone, Instant sendAt, Instant now) {
        Instant freeUntil = event.entryPointExpiresAt();
        if (!rule.preferFree || freeUntil == null || !freeUntil.isAfter(now) || sendAt.isBefore(freeUntil)) {
            return Optional.empty();
        }
        Instant early = quiet.map(q -> q.nextAllowed(now, zone)).orElse(now);
        return early.isBefore(freeUntil) ? Optional.of(early) : Optional.empty();
    }

    /** The reason a rule that requires UTILITY does not send this template (shared with the attempt's re-check). */
    static String requiresUtility(FollowupRule rule, Template template) {
        return "rule " + rule.name + " requires a UTILITY template; " + template.contentSid + " is "
                + (template.category == null ? "of no known category" : template.category)
                + (template.recategorisedFrom == null ? "" : " (Meta re-categorised it from " + template.recategorisedFrom + ")");
    }

    private static Optional<String> reasonToSkip(FollowupRule rule, Facts facts, Instant now, Duration marketingCooldown) {
        if (facts.optedOut()) {
            return Optional.of("contact opted out");
        }
        if (rule.stopOnReply && facts.repliedAfterWindowOpened()) {
            return Optional.of("contact replied after the window opened");
        }
        if (facts.template().isEmpty()) {
            return Optional.of("template " + rule.contentSid + " is not in the registry");
        }
        Template template = facts.template().get();
        if (!template.approved()) {
            return Optional.of("template " + rule.contentSid + " is " + template.approvalStatus
                    + (template.rejectionReason == null || template.rejectionReason.isBlank() ? ""
                            : ": " + template.rejectionReason));
        }
        if (rule.requireUtility && !template.utility()) {
            return Optional.of(requiresUtility(rule, template));
        }
        if (facts.followupsInWindow() >= rule.maxPerWindow) {
            return Optional.of("this window already had " + rule.maxPerWindow + " follow-up(s) (rule max per window)");
        }
        if (template.marketing() && facts.lastMarketingSentAt().filter(at -> !at.isBefore(now.minus(marketingCooldown)))
                .isPresent()) {
            return Optional.of("a MARKETING template reached this contact within " + marketingCooldown);
        }
        return Optional.empty();
    }

    /**
     * A window is the contact plus the message that opened it: the same key whether the tracker's event or a
     * send that came back "outside the window" (63016) asks for the follow-up, so both never send twice.
     */
    static String windowKey(WindowExpired event) {
        return "followup:" + event.contactId() + ":" + event.lastMessageAt().toEpochMilli() + ":";
    }
}
