package com.wawindow.sender.service;

import com.wawindow.sender.client.TwilioMessages;
import com.wawindow.sender.config.FollowupConfig;
import com.wawindow.sender.config.TwilioConfig;
import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.entity.Template;
import com.wawindow.sender.repository.FollowupRuleRepository;
import com.wawindow.sender.repository.TemplateRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * At every start, the rule named {@code default} mirrors the FOLLOWUP_* settings, and its template is in the
 * registry: as approved when nothing is known about it yet (a Content API sync may say otherwise later).
 */
@ApplicationScoped
public class DefaultRuleStartup {

    @Inject
    FollowupConfig config;
    @Inject
    TwilioConfig twilioConfig;
    @Inject
    TwilioMessages twilio;
    @Inject
    FollowupRuleRepository rules;
    @Inject
    TemplateRepository templates;

    @Transactional
    void onStart(@Observes StartupEvent start) {
        if (twilio.dryRun()) {
            Log.warn("DRY RUN: TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN not set; follow-ups are logged and recorded, never sent");
        } else {
            Log.infof("sending through Twilio at %s as %s", twilioConfig.apiBaseUrl(),
                    twilioConfig.whatsappFrom().orElse(twilioConfig.messagingServiceSid().orElse("the contact's business number")));
        }
        String contentSid = config.contentSid().filter(s -> !s.isBlank()).map(String::trim).orElse(null);
        if (contentSid == null) {
            rules.update("enabled = false, updatedAt = ?1 where name = ?2", Instant.now(), FollowupRule.DEFAULT_NAME);
            Log.warn("FOLLOWUP_CONTENT_SID not set: no default follow-up rule");
            return;
        }
        ContentVariables.validate(config.contentVariables());
        QuietHours.parse(config.quietHours().orElse(null));
        FollowupRule rule = rules.findByName(FollowupRule.DEFAULT_NAME).orElseGet(FollowupRule::new);
        if (rule.id == null) {
            rule.name = FollowupRule.DEFAULT_NAME;
            apply(rule, contentSid);
            rules.persist(rule);
        } else {
            rules.update("contentSid = ?1, contentVariables = ?2, delaySeconds = ?3, maxPerWindow = ?4, stopOnReply = true, "
                            + "quietHours = ?5, enabled = true, updatedAt = ?6 where id = ?7",
                    contentSid, config.contentVariables(), config.delay().toSeconds(), config.maxPerWindow(),
                    config.quietHours().orElse(null), Instant.now(), rule.id);
        }
        if (templates.findBySid(contentSid).isEmpty()) {
            Template template = new Template();
            template.contentSid = contentSid;
            template.friendlyName = "FOLLOWUP_CONTENT_SID";
            template.approvalStatus = Template.APPROVED;
            template.source = Template.Source.CONFIG;
            templates.upsert(template);
        }
        Log.infof("default follow-up rule: template %s, delay %s, at most %d per window", contentSid, config.delay(),
                config.maxPerWindow());
    }

    private void apply(FollowupRule rule, String contentSid) {
        rule.contentSid = contentSid;
        rule.contentVariables = config.contentVariables();
        rule.delaySeconds = config.delay().toSeconds();
        rule.maxPerWindow = config.maxPerWindow();
        rule.stopOnReply = true;
        rule.quietHours = config.quietHours().orElse(null);
        rule.enabled = true;
        rule.updatedAt = Instant.now();
    }
}
