package com.wawindow.console.service;

import com.wawindow.console.client.SenderApi;
import com.wawindow.console.client.SenderClient;
import com.wawindow.console.client.UpstreamException;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;

/**
 * The sender's rules, read by everyone and changed by admins: FOLLOWUP (a template after the window closed) and NUDGE
 * (a free-form text before it closes, with a holdout share for the comparison).
 */
@ApplicationScoped
public class RuleService {

    private final SenderClient sender;

    public RuleService(SenderClient sender) {
        this.sender = sender;
    }

    /**
     * A rule as the edit form sends it: every field a string, checked here so a typo is a sentence, not a 500.
     * {@code kind} blank keeps the rule's kind (a new rule is a FOLLOWUP).
     */
    public record RuleForm(String name, String contentSid, String contentVariables, String delaySeconds,
            String maxPerWindow, String stopOnReply, String quietHours, String enabled, String requireUtility,
            String kind, String body, String holdoutPercent, String quietAfterSendSeconds, String preferFree) {

        public boolean nudge() {
            return SenderApi.Rule.NUDGE.equalsIgnoreCase(trim(kind));
        }
    }

    public List<SenderApi.Rule> list() {
        return sender.rules();
    }

    public SenderApi.Rule get(long id) {
        return sender.rule(id);
    }

    /** @return null when saved, else why not */
    public String save(Long id, RuleForm form) {
        try {
            String kind = kind(form.kind());
            boolean nudge = SenderApi.Rule.NUDGE.equals(kind);
            String contentSid = nudge ? null : trim(form.contentSid());
            String body = nudge ? trim(form.body()) : null;
            if (SenderApi.Rule.FOLLOWUP.equals(kind) && contentSid == null) {
                throw new ProblemException(ProblemType.INVALID_REQUEST,
                        "a FOLLOWUP rule sends a template: give its Content SID");
            }
            if (nudge && body == null) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "a NUDGE rule sends a text: write it");
            }
            Long holdout = number("holdout (percent)", form.holdoutPercent());
            if (holdout != null && (holdout < 0 || holdout > 100)) {
                throw new ProblemException(ProblemType.INVALID_REQUEST,
                        "holdout (percent) must be between 0 and 100, not " + holdout);
            }
            SenderApi.RuleRequest request = new SenderApi.RuleRequest(trim(form.name()), contentSid,
                    trim(form.contentVariables()), number("delay (seconds)", form.delaySeconds()),
                    number("follow-ups per window", form.maxPerWindow()) == null ? null
                            : number("follow-ups per window", form.maxPerWindow()).intValue(),
                    "on".equals(form.stopOnReply()), trim(form.quietHours()), "on".equals(form.enabled()),
                    "on".equals(form.requireUtility()), kind, body, holdout == null ? null : holdout.intValue(),
                    number("quiet after a send (seconds)", form.quietAfterSendSeconds()),
                    nudge ? null : "on".equals(form.preferFree()));
            if (id == null) {
                sender.createRule(request);
            } else {
                sender.updateRule(id, request);
            }
            return null;
        } catch (ProblemException e) {
            return e.problem().getDetail();
        } catch (UpstreamException e) {
            return ContactService.message(e);
        }
    }

    /** FOLLOWUP, NUDGE, or null (blank: the rule keeps its kind). */
    private static String kind(String value) {
        String kind = trim(value);
        if (kind == null) {
            return null;
        }
        kind = kind.toUpperCase(Locale.ROOT);
        if (!SenderApi.Rule.FOLLOWUP.equals(kind) && !SenderApi.Rule.NUDGE.equals(kind)) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "a rule is a FOLLOWUP or a NUDGE, not '" + value + "'");
        }
        return kind;
    }

    private static Long number(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, field + " must be a whole number, not '" + value + "'");
        }
    }

    private static String trim(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
