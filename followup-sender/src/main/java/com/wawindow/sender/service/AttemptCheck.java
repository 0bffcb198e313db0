package com.wawindow.sender.service;

import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.entity.Template;
import com.wawindow.sender.repository.ContactActivityRepository;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.FollowupRuleRepository;
import com.wawindow.sender.repository.TemplateRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import com.wawindow.sender.config.NudgeConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

/**
 * What every new Create Message attempt re-checks, a retry or a recovery alike, as the first decision checked it:
 * consent (an opt-out since), the template's approval, for a follow-up a reply (since the window opened when the rule
 * stops on reply, since the window expired always) and the rule's quiet hours (then the attempt waits).
 */
@ApplicationScoped
public class AttemptCheck {

    /** What a dispatch is, as far as the checks go. */
    public record Subject(Dispatch.Kind kind, String contactId, String contentSid, Long ruleId, UUID windowEventId,
            Instant windowOpenedAt, Instant windowExpiredAt) {
    }

    /** Go, stop for good (and why), or wait until a time (quiet hours). */
    public sealed interface Verdict {
        record Proceed() implements Verdict {
        }

        record Stop(String reason) implements Verdict {
        }

        record Wait(Instant until, String reason) implements Verdict {
        }
    }

    /** What the checks read, for {@link #decide}. */
    public record Facts(boolean optedOut, Optional<Template> template, Optional<FollowupRule> rule,
            boolean wroteAfterOpened, boolean wroteAfterExpired, ZoneId zone, Duration nudgeCloseMargin) {

        public Facts(boolean optedOut, Optional<Template> template, Optional<FollowupRule> rule, boolean wroteAfterOpened,
                boolean wroteAfterExpired, ZoneId zone) {
            this(optedOut, template, rule, wroteAfterOpened, wroteAfterExpired, zone, Duration.ZERO);
        }
    }

    /** How a nudge stopped by its deadline is explained. */
    static final String NUDGE_TOO_LATE = "the window closed before the nudge could go out: its deadline is ";

    private final ContactConsentRepository consents;
    private final ContactActivityRepository activity;
    private final TemplateRepository templates;
    private final FollowupRuleRepository rules;
    private final ContactZones zones;
    private final NudgeConfig nudges;
    private final Clock clock;

    public AttemptCheck(ContactConsentRepository consents, ContactActivityRepository activity,
            TemplateRepository templates, FollowupRuleRepository rules, ContactZones zones, NudgeConfig nudges, Clock clock) {
        this.nudges = nudges;
        this.consents = consents;
        this.activity = activity;
        this.templates = templates;
        this.rules = rules;
        this.zones = zones;
        this.clock = clock;
    }

    @Transactional(TxType.REQUIRES_NEW)
    public Verdict check(Subject subject) {
        String contact = subject.contactId();
        Optional<FollowupRule> rule = subject.kind() == Dispatch.Kind.FOLLOWUP && subject.ruleId() != null
                ? rules.findByIdOptional(subject.ruleId()) : Optional.empty();
        Facts facts = new Facts(consents.isOptedOut(contact),
                subject.contentSid() == null ? Optional.empty() : templates.findBySid(subject.contentSid()),
                rule,
                subject.windowOpenedAt() != null && activity.wroteAfter(contact, subject.windowOpenedAt(), null),
                subject.kind() == Dispatch.Kind.FOLLOWUP && subject.windowExpiredAt() != null
                        && activity.wroteAfter(contact, subject.windowExpiredAt(), null),
                rule.map(r -> r.quietHours).filter(q -> !q.isBlank()).isPresent() ? zones.zoneOf(contact) : null,
                nudges.nudgeCloseMargin());
        return decide(subject, facts, clock.instant());
    }

    /** A nudge goes only while its window is open, far enough from the deadline, and the contact has not written since. */
    private static Verdict nudge(Subject subject, Facts facts, Instant now) {
        if (!now.isBefore(subject.windowExpiredAt().minus(facts.nudgeCloseMargin()))) {
            return new Verdict.Stop(NUDGE_TOO_LATE + subject.windowExpiredAt());
        }
        if (facts.wroteAfterOpened()) {
            return new Verdict.Stop("contact wrote since the window opened");
        }
        return new Verdict.Proceed();
    }

    /** The checks as a pure function of the facts and "now". */
    static Verdict decide(Subject subject, Facts facts, Instant now) {
        if (facts.optedOut()) {
            return new Verdict.Stop("contact opted out");
        }
        if (subject.contentSid() != null) {
            if (facts.template().isEmpty()) {
                return new Verdict.Stop("template " + subject.contentSid() + " is not in the registry");
            }
            if (!facts.template().get().approved()) {
                return new Verdict.Stop("template " + subject.contentSid() + " is " + facts.template().get().approvalStatus);
            }
        }
        if (subject.kind() == Dispatch.Kind.NUDGE) {
            return nudge(subject, facts, now);
        }
        if (subject.kind() != Dispatch.Kind.FOLLOWUP) {
            return new Verdict.Proceed();
        }
        if (facts.wroteAfterExpired()) {
            return new Verdict.Stop("contact wrote after the window expired");
        }
        if (facts.rule().isEmpty() || !facts.rule().get().enabled) {
            return new Verdict.Stop("rule " + subject.ruleId() + " was disabled or removed");
        }
        FollowupRule rule = facts.rule().get();
        if (rule.stopOnReply && facts.wroteAfterOpened()) {
            return new Verdict.Stop("contact replied after the window opened");
        }
        if (rule.requireUtility && facts.template().isPresent() && !facts.template().get().utility()) {
            return new Verdict.Stop(FollowupPolicy.requiresUtility(rule, facts.template().get()));
        }
        Optional<QuietHours> quiet = QuietHours.parse(rule.quietHours);
        if (quiet.isPresent()) {
            Instant allowed = quiet.get().nextAllowed(now, facts.zone());
            if (allowed.isAfter(now.plus(FollowupPolicy.SEND_NOW_TOLERANCE))) {
                return new Verdict.Wait(allowed, "quiet hours " + rule.quietHours + " in " + facts.zone());
            }
        }
        return new Verdict.Proceed();
    }
}
