package com.wawindow.sender.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wawindow.sender.client.TwilioConnection;
import com.wawindow.sender.client.TwilioContent;
import com.wawindow.sender.client.TwilioContent.ContentTemplate;
import com.wawindow.sender.entity.Template;
import com.wawindow.sender.repository.TemplateRepository;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Keeps the template registry in step with Twilio's Content API, on a schedule and on demand. A failed sync
 * changes nothing (templates keep their last known status) and is only logged when scheduled.
 */
@ApplicationScoped
public class TemplateService {

    /** What a sync did. */
    public record SyncResult(int fetched, int statusChanges) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TwilioContent content;
    @Inject
    TwilioConnection connection;
    @Inject
    TemplateRepository templates;

    public SyncResult sync() {
        List<ContentTemplate> fetched = content.listWithApprovals();
        int changes = QuarkusTransaction.requiringNew().call(() -> {
            int changed = 0;
            for (ContentTemplate template : fetched) {
                changed += templates.upsert(toEntity(template)) ? 1 : 0;
            }
            return changed;
        });
        Log.infof("template sync: %d templates from the Content API, %d approval status changes", fetched.size(), changes);
        return new SyncResult(fetched.size(), changes);
    }

    @Scheduled(every = "${followup.template-sync-interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSync() {
        if (connection.dryRun()) {
            return;
        }
        try {
            sync();
        } catch (RuntimeException e) {
            Log.warnf("template sync failed, templates keep their last known status: %s", e.getMessage());
        }
    }

    private static Template toEntity(ContentTemplate source) {
        Template template = new Template();
        template.contentSid = source.sid();
        template.friendlyName = source.friendlyName();
        template.language = source.language();
        template.category = source.category() == null ? null : source.category().toUpperCase(Locale.ROOT);
        template.approvalStatus = source.status() == null ? "unsubmitted" : source.status().toLowerCase(Locale.ROOT);
        template.rejectionReason = source.rejectionReason();
        try {
            template.variables = JSON.writeValueAsString(source.variables());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        template.source = Template.Source.SYNC;
        return template;
    }
}
