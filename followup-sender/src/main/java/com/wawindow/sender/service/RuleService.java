package com.wawindow.sender.service;

import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.repository.FollowupRuleRepository;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Follow-up rules. The rule named {@code default} is rewritten from FOLLOWUP_* at every start
 * ({@link DefaultRuleStartup}); other rules are added and changed here.
 */
@ApplicationScoped
public class RuleService {

    public record RuleView(long id, String name, String contentSid, String contentVariables, long delaySeconds,
            int maxPerWindow, boolean stopOnReply, String quietHours, boolean enabled, boolean requireUtility,
            Instant updatedAt, FollowupRule.Kind kind, String body, int holdoutPercent, long quietAfterSendSeconds,
            boolean preferFree) {

        static RuleView of(FollowupRule r) {
            return new RuleView(r.id, r.name, r.contentSid, r.contentVariables, r.delaySeconds, r.maxPerWindow,
                    r.stopOnReply, r.quietHours, r.enabled, r.requireUtility, r.updatedAt, r.kind, r.body, r.holdoutPercent,
                    r.quietAfterSendSeconds, r.preferFree);
        }
    }

    /** The longest nudge text accepted (WhatsApp allows 4,096 characters; a nudge is one short line). */
    static final int MAX_NUDGE_LENGTH = 1_024;

    /**
     * @param delaySeconds  after the window closed; 0 = at once
     * @param maxPerWindow  follow-ups per closed window, across rules (default 1)
     * @param quietHours    {@code HH:mm-HH:mm} in the contact's local time, or null
     * @param requireUtility only a UTILITY template goes (false for a new rule; absent keeps it): a template Meta
     *                      re-categorises is skipped
     * @param kind          FOLLOWUP (a template after the window closed, the default) or NUDGE (the free-form
     *                      {@code body} on window-expiring-soon, while the window is open); absent keeps it
     * @param holdoutPercent a NUDGE rule's share of eligible windows that get no nudge, for the comparison (0-100)
     * @param quietAfterSendSeconds a NUDGE rule stays silent when anything went to the contact this recently
     * @param preferFree    a FOLLOWUP rule sends while the free entry point window is still open, rather than after its
     *                      delay when it would be billed; absent keeps it
     */
    public record RuleDraft(
            @NotBlank String name,
            @Pattern(regexp = "HX[0-9a-fA-F]{32}", message = "must be a Content SID, HX and 32 hex digits") String contentSid,
            String contentVariables,
            @Min(0) Long delaySeconds,
            @Min(1) Integer maxPerWindow,
            Boolean stopOnReply,
            String quietHours,
            Boolean enabled,
            Boolean requireUtility,
            FollowupRule.Kind kind,
            String body,
            @Min(0) @Max(100) Integer holdoutPercent,
            @Min(0) Long quietAfterSendSeconds,
            Boolean preferFree) {
    }

    private final FollowupRuleRepository rules;
    private final Clock clock;

    public RuleService(FollowupRuleRepository rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    @Transactional
    public List<RuleView> list() {
        return rules.allInOrder().stream().map(RuleView::of).toList();
    }

    @Transactional
    public RuleView get(long id) {
        return RuleView.of(find(id));
    }

    @Transactional
    public RuleView create(RuleDraft draft) {
        if (rules.findByName(draft.name()).isPresent()) {
            throw new ProblemException(SenderProblems.RULE_EXISTS,
                    "a rule named '" + draft.name() + "' exists; PUT /rules/{id} changes it");
        }
        FollowupRule rule = new FollowupRule();
        apply(rule, draft);
        rules.persist(rule);
        return RuleView.of(rule);
    }

    /** Changes the managed rule in place; the transaction's flush writes it. */
    @Transactional
    public RuleView update(long id, RuleDraft draft) {
        FollowupRule rule = find(id);
        if (!rule.name.equals(draft.name()) && rules.findByName(draft.name()).isPresent()) {
            throw new ProblemException(SenderProblems.RULE_EXISTS, "a rule named '" + draft.name() + "' exists");
        }
        apply(rule, draft);
        return RuleView.of(rule);
    }

    private void apply(FollowupRule rule, RuleDraft draft) {
        FollowupRule.Kind kind = draft.kind() != null ? draft.kind() : rule.kind == null ? FollowupRule.Kind.FOLLOWUP : rule.kind;
        if (kind == FollowupRule.Kind.FOLLOWUP && draft.contentSid() == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "contentSid: a FOLLOWUP rule sends a template");
        }
        if (kind == FollowupRule.Kind.NUDGE) {
            if (draft.body() == null || draft.body().isBlank()) {
                throw new ProblemException(ProblemType.INVALID_REQUEST, "body: a NUDGE rule sends a free-form text");
            }
            if (draft.body().length() > MAX_NUDGE_LENGTH) {
                throw new ProblemException(ProblemType.INVALID_REQUEST,
                        "body: at most " + MAX_NUDGE_LENGTH + " characters");
            }
        }
        rule.kind = kind;
        rule.body = kind == FollowupRule.Kind.NUDGE ? draft.body().trim() : null;
        rule.holdoutPercent = draft.holdoutPercent() != null ? draft.holdoutPercent() : rule.holdoutPercent;
        rule.quietAfterSendSeconds = draft.quietAfterSendSeconds() != null ? draft.quietAfterSendSeconds()
                : rule.quietAfterSendSeconds;
        if (draft.preferFree() != null) {
            rule.preferFree = draft.preferFree();
        }
        String variables = draft.contentVariables() == null ? "{}" : draft.contentVariables();
        ContentVariables.validate(variables);
        QuietHours.parse(draft.quietHours());
        rule.name = draft.name();
        rule.contentSid = draft.contentSid();
        rule.contentVariables = variables;
        rule.delaySeconds = draft.delaySeconds() == null ? 0 : draft.delaySeconds();
        rule.maxPerWindow = draft.maxPerWindow() == null ? 1 : draft.maxPerWindow();
        rule.stopOnReply = draft.stopOnReply() == null || draft.stopOnReply();
        rule.quietHours = draft.quietHours() == null || draft.quietHours().isBlank() ? null : draft.quietHours().trim();
        rule.enabled = draft.enabled() == null || draft.enabled();
        if (draft.requireUtility() != null) {
            // absent keeps what the rule had: a client that does not know the option (the console) leaves it alone
            rule.requireUtility = draft.requireUtility();
        }
        rule.updatedAt = clock.instant();
    }

    private FollowupRule find(long id) {
        return rules.findByIdOptional(id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "rule " + id + " does not exist"));
    }
}
