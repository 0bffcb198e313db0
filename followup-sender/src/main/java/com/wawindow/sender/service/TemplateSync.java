package com.wawindow.sender.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wawindow.sender.client.TwilioConnection;
import com.wawindow.sender.client.TwilioContent;
import com.wawindow.sender.client.TwilioContent.ContentTemplate;
import com.wawindow.sender.client.TwilioSendException;
import com.wawindow.sender.config.FollowupConfig;
import com.wawindow.sender.entity.Template;
import com.wawindow.support.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Keeps the template registry in step with Twilio's Content API, on a schedule and on demand. The Content API is
 * read outside any transaction; the registry is written in one after. A failed sync changes nothing (templates keep
 * their last known status) and is only logged when scheduled. Scheduled syncs run on one instance per interval.
 */
@ApplicationScoped
public class TemplateSync {

    /** What a sync did. */
    public record SyncResult(int fetched, int statusChanges) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TwilioContent content;
    private final TwilioConnection connection;
    private final TemplateService templates;
    private final SingletonJobs jobs;
    private final Duration interval;

    public TemplateSync(TwilioContent content, TwilioConnection connection, TemplateService templates,
            SingletonJobs jobs, FollowupConfig config) {
        this.content = content;
        this.connection = connection;
        this.templates = templates;
        this.jobs = jobs;
        this.interval = SingletonJobs.interval(config.templateSyncInterval());
    }

    /** @throws ProblemException dry-run (409) without credentials, content-api-unavailable (502) when Twilio fails */
    public SyncResult sync() {
        if (connection.dryRun()) {
            throw new ProblemException(SenderProblems.DRY_RUN, "dry run (no Twilio credentials): nothing to sync from");
        }
        List<ContentTemplate> fetched;
        try {
            fetched = content.listWithApprovals();
        } catch (TwilioSendException e) {
            throw new ProblemException(SenderProblems.CONTENT_API_UNAVAILABLE,
                    "Twilio answered " + e.errorCode() + ": " + e.getMessage());
        }
        int changes = templates.save(fetched.stream().map(TemplateSync::toEntity).toList());
        Log.infof("template sync: %d templates from the Content API, %d approval status changes", fetched.size(), changes);
        return new SyncResult(fetched.size(), changes);
    }

    @Scheduled(every = "${followup.template-sync-interval}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSync() {
        // one instance per interval syncs; the others' turns find the lease taken
        if (connection.dryRun() || !jobs.tryStart("template-sync", interval)) {
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
        template.body = source.body();
        try {
            template.variables = JSON.writeValueAsString(source.variables());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        template.source = Template.Source.SYNC;
        return template;
    }
}
