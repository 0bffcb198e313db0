package com.wawindow.console.service;

import com.wawindow.console.client.SenderApi;
import com.wawindow.console.client.SenderClient;
import com.wawindow.console.client.UpstreamException;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The sender's follow-up rules, read by everyone and changed by admins. */
@ApplicationScoped
public class RuleService {

    private final SenderClient sender;

    public RuleService(SenderClient sender) {
        this.sender = sender;
    }

    /** A rule as the edit form sends it: every field a string, checked here so a typo is a sentence, not a 500. */
    public record RuleForm(String name, String contentSid, String contentVariables, String delaySeconds,
            String maxPerWindow, String stopOnReply, String quietHours, String enabled, String requireUtility) {
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
            SenderApi.RuleRequest request = new SenderApi.RuleRequest(trim(form.name()), trim(form.contentSid()),
                    trim(form.contentVariables()), number("delay (seconds)", form.delaySeconds()),
                    number("follow-ups per window", form.maxPerWindow()) == null ? null
                            : number("follow-ups per window", form.maxPerWindow()).intValue(),
                    "on".equals(form.stopOnReply()), trim(form.quietHours()), "on".equals(form.enabled()),
                    "on".equals(form.requireUtility()));
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
