package com.wawindow.sender.service;

import com.wawindow.sender.entity.FollowupDecision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sender_decisions_total{decision, reason}}: every audited decision (follow-ups, campaigns, cancellations), by
 * outcome and by a reason from a short fixed list. The audit's reason is a sentence with ids in it; a label must not
 * be one, so {@link #reasonTag} maps it to a slug (a Twilio error keeps its code, the codes are few).
 */
@Singleton
public class FollowupMetrics {

    private static final Pattern TWILIO_ERROR = Pattern.compile("^Twilio error (\\d{3,6})\\b.*");

    private final MeterRegistry registry;

    public FollowupMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (FollowupDecision.Decision decision : FollowupDecision.Decision.values()) {
            counter(decision, "none"); // every decision shows on the first scrape, at 0
        }
    }

    public void decided(FollowupDecision entry) {
        counter(entry.decision, reasonTag(entry.decision, entry.reason)).increment();
    }

    private Counter counter(FollowupDecision.Decision decision, String reason) {
        return Counter.builder("sender.decisions")
                .description("Audited follow-up and campaign decisions, by outcome and reason")
                .tag("decision", decision.name().toLowerCase(Locale.ROOT)).tag("reason", reason).register(registry);
    }

    static String reasonTag(FollowupDecision.Decision decision, String reason) {
        String r = reason == null ? "" : reason;
        Matcher twilio = TWILIO_ERROR.matcher(r);
        if (twilio.matches()) {
            return "twilio-" + twilio.group(1);
        }
        if (r.startsWith("Twilio message")) {
            return "accepted";
        }
        if (r.startsWith("dry run")) {
            return "dry-run";
        }
        if (r.startsWith("contact opted out")) {
            return "opted-out";
        }
        if (r.startsWith("contact replied")) {
            return "replied";
        }
        if (r.startsWith("template ") && r.endsWith("is not in the registry")) {
            return "template-unknown";
        }
        if (r.startsWith("template ")) {
            return "template-not-approved";
        }
        if (r.startsWith("this window already had")) {
            return "max-per-window";
        }
        if (r.startsWith("a MARKETING template")) {
            return "marketing-cooldown";
        }
        if (r.startsWith("no enabled follow-up rule")) {
            return "no-rule";
        }
        if (r.startsWith("rule ")) {
            return "rule-disabled";
        }
        if (r.startsWith("gave up after retries")) {
            return "gave-up";
        }
        if (decision == FollowupDecision.Decision.SCHEDULED) {
            return r.toLowerCase(Locale.ROOT).contains("quiet") ? "quiet-hours" : "delayed";
        }
        return "other";
    }
}
