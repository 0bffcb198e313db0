package com.wawindow.sender.service;

import com.wawindow.sender.client.TwilioConnection;
import com.wawindow.sender.config.FollowupConfig;
import com.wawindow.sender.config.TwilioConfig;
import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.entity.Template;
import com.wawindow.sender.repository.FollowupRuleRepository;
import com.wawindow.sender.repository.JobLeaseRepository;
import com.wawindow.sender.repository.TemplateRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * At every start, the rule named {@code default} mirrors the FOLLOWUP_* settings, and its template is in the
 * registry: as approved when nothing is known about it yet (a Content API sync may say otherwise later).
 */
@ApplicationScoped
public class DefaultRuleStartup {

    private final FollowupConfig config;
    private final TwilioConfig twilioConfig;
    private final TwilioConnection twilio;
    private final FollowupRuleRepository rules;
    private final TemplateRepository templates;
    private final JobLeaseRepository jobs;
    private final Clock clock;

    public DefaultRuleStartup(FollowupConfig config, TwilioConfig twilioConfig, TwilioConnection twilio,
            FollowupRuleRepository rules, TemplateRepository templates, JobLeaseRepository jobs, Clock clock) {
        this.jobs = jobs;
        this.config = config;
        this.twilioConfig = twilioConfig;
        this.twilio = twilio;
        this.rules = rules;
        this.templates = templates;
        this.clock = clock;
    }

    /** Instances that start together take turns (an advisory lock): the first creates the rule, the next find it. */
    @Transactional
    void onStart(@Observes StartupEvent start) {
        jobs.lockForTransaction(TemplateService.TEMPLATE_REGISTRY_LOCK);
        if (twilio.dryRun()) {
            Log.warn("DRY RUN (FOLLOWUP_DRY_RUN=true, or TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN not set): "
                    + "follow-ups are logged and recorded, never sent");
        } else {
            Log.infof("sending through Twilio at %s", twilioConfig.apiBaseUrl());
        }
        String contentSid = config.contentSid().filter(s -> !s.isBlank()).map(String::trim).orElse(null);
        FollowupRule rule = rules.findByName(FollowupRule.DEFAULT_NAME).orElse(null);
        if (contentSid == null) {
            if (rule != null) {
                rule.enabled = false;
                rule.updatedAt = clock.instant();
            }
            Log.warn("FOLLOWUP_CONTENT_SID not set: no default follow-up rule");
            return;
        }
        ContentVariables.validate(config.contentVariables());
        QuietHours.parse(config.quietHours().orElse(null));
        boolean created = rule == null;
        if (created) {
            rule = new FollowupRule();
            rule.name = FollowupRule.DEFAULT_NAME;
        }
        rule.contentSid = contentSid;
        rule.contentVariables = config.contentVariables();
        rule.delaySeconds = config.delay().toSeconds();
        rule.maxPerWindow = config.maxPerWindow();
        rule.stopOnReply = true;
        rule.quietHours = config.quietHours().orElse(null);
        rule.enabled = true;
        rule.updatedAt = clock.instant();
        if (created) {
            rules.persist(rule);
        }
        if (templates.findBySid(contentSid).isEmpty()) {
            Template template = new Template();
            template.contentSid = contentSid;
            template.friendlyName = "FOLLOWUP_CONTENT_SID";
            template.approvalStatus = Template.APPROVED;
            template.source = Template.Source.CONFIG;
            templates.upsert(template, clock.instant());
        }
        Log.infof("default follow-up rule: template %s, delay %s, at most %d per window", contentSid, config.delay(),
                config.maxPerWindow());
    }
}
