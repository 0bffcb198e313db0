package com.wawindow.sender.service;

import com.wawindow.events.TemplateApprovalChanged;
import com.wawindow.sender.service.TemplateService.ChangeOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;

/**
 * Template changes Meta makes, as Event Streams reports them ({@code template-changes}): applied to the registry
 * ({@link TemplateService#applyChange}), counted in {@code followup_template_changes_total{change,value,outcome}},
 * and logged, at WARN when a template can no longer be sent or was moved out of UTILITY.
 */
@ApplicationScoped
public class TemplateChanges {

    private static final Set<String> NOT_SENDABLE = Set.of("paused", "disabled", "rejected", "pending_deletion", "deleted");

    private final TemplateService templates;
    private final MeterRegistry meters;

    public TemplateChanges(TemplateService templates, MeterRegistry meters) {
        this.templates = templates;
        this.meters = meters;
    }

    public ChangeOutcome apply(TemplateApprovalChanged change) {
        ChangeOutcome outcome = templates.applyChange(change);
        String value = change.currentValue().toLowerCase(Locale.ROOT);
        Counter.builder("followup.template.changes")
                .description("template changes Meta made (Twilio Event Streams), by what changed and what became of it here")
                .tag("change", change.change().name().toLowerCase(Locale.ROOT)).tag("value", value)
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(meters).increment();
        if (outcome != ChangeOutcome.APPLIED) {
            Log.debugf("template %s %s to %s: %s", change.templateSid(), change.change(), value, outcome);
        } else if (change.change() == TemplateApprovalChanged.Change.STATUS && NOT_SENDABLE.contains(value)) {
            Log.warnf("Meta set template %s to %s: no rule, campaign or message sends it from now on",
                    change.templateSid(), value);
        } else if (change.change() == TemplateApprovalChanged.Change.CATEGORY && "utility".equals(change.previousValue())) {
            Log.warnf("Meta re-categorised template %s from utility to %s: rules that require UTILITY stop using it, "
                    + "and it is priced as %s", change.templateSid(), value, value);
        } else {
            Log.infof("Meta changed template %s: %s now %s", change.templateSid(), change.change(), value);
        }
        return outcome;
    }
}
