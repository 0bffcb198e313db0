package com.wawindow.sender.service;

import com.wawindow.sender.entity.Template;
import com.wawindow.sender.entity.TemplateStatusChange;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.JobLeaseRepository;
import com.wawindow.sender.repository.TemplateRepository;
import com.wawindow.sender.repository.TemplateStatusChangeRepository;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import com.wawindow.events.TemplateApprovalChanged;

/** The template registry: what may be sent, synced from Twilio's Content API ({@link TemplateSync}) or registered by hand. */
@ApplicationScoped
public class TemplateService {

    /** Held by every writer of the registry that runs on each instance: a sync, the default rule's start-up. */
    static final String TEMPLATE_REGISTRY_LOCK = "template-registry";

    /** A template and, on the single view, its approval history. */
    /** @param recategorisedFrom the category Meta moved the template from, null when it never moved */
    public record TemplateView(long id, String contentSid, String friendlyName, String language, String category,
            String recategorisedFrom, String approvalStatus, String rejectionReason, String variables,
            Template.Source source, Instant updatedAt, Instant lastSyncedAt, List<StatusChangeView> statusChanges) {

        static TemplateView of(Template t, List<StatusChangeView> history) {
            return new TemplateView(t.id, t.contentSid, t.friendlyName, t.language, t.category, t.recategorisedFrom,
                    t.approvalStatus, t.rejectionReason, t.variables, t.source, t.updatedAt, t.lastSyncedAt, history);
        }
    }

    /**
     * @param field     {@code status} or {@code category} (old and new then hold categories)
     * @param source    sync, api, or {@code event-streams <CloudEvent id>}
     */
    public record StatusChangeView(String field, String oldStatus, String newStatus, String reason, String source,
            Instant changedAt) {
        static StatusChangeView of(TemplateStatusChange c) {
            return new StatusChangeView(c.field, c.oldStatus, c.newStatus, c.reason, c.source, c.changedAt);
        }
    }

    /** What a template change from Meta did here. */
    public enum ChangeOutcome {
        /** The registry took it, with an audit row. */
        APPLIED,
        /** Already so (a sync saw it first) or this event was applied before (a redelivery): nothing changed. */
        UNCHANGED,
        /** No such template in the registry: the next sync brings it with its current state. */
        UNKNOWN_TEMPLATE
    }

    /** A template registered by hand (e.g. before the first sync); a later sync overwrites what Twilio knows. */
    public record TemplateRegistration(
            @NotNull @Pattern(regexp = "HX[0-9a-fA-F]{32}", message = "must be a Content SID, HX and 32 hex digits") String contentSid,
            @NotBlank String friendlyName,
            String language,
            @Pattern(regexp = "(?i)UTILITY|MARKETING|AUTHENTICATION", message = "must be UTILITY, MARKETING or AUTHENTICATION") String category,
            @NotNull @Pattern(regexp = "(?i)approved|pending|received|rejected|paused|disabled|unsubmitted",
                    message = "must be approved, pending, received, rejected, paused, disabled or unsubmitted") String approvalStatus,
            String rejectionReason,
            String variables) {
    }

    private final TemplateRepository templates;
    private final TemplateStatusChangeRepository statusChanges;
    private final DispatchRepository dispatches;
    private final JobLeaseRepository jobs;
    private final Clock clock;

    public TemplateService(TemplateRepository templates, TemplateStatusChangeRepository statusChanges,
            DispatchRepository dispatches, JobLeaseRepository jobs, Clock clock) {
        this.templates = templates;
        this.statusChanges = statusChanges;
        this.dispatches = dispatches;
        this.jobs = jobs;
        this.clock = clock;
    }

    @Transactional
    public List<TemplateView> list() {
        return templates.listAllByName().stream().map(t -> TemplateView.of(t, null)).toList();
    }

    @Transactional
    public TemplateView get(long id) {
        Template template = find(id);
        return TemplateView.of(template, statusChanges.forTemplate(id).stream().map(StatusChangeView::of).toList());
    }

    @Transactional
    public TemplateView register(TemplateRegistration request) {
        Template template = new Template();
        template.contentSid = request.contentSid();
        template.friendlyName = request.friendlyName();
        template.language = request.language();
        template.category = request.category() == null ? null : request.category().toUpperCase(Locale.ROOT);
        template.approvalStatus = request.approvalStatus().toLowerCase(Locale.ROOT);
        template.rejectionReason = request.rejectionReason();
        template.variables = request.variables();
        template.source = Template.Source.API;
        templates.upsert(template, clock.instant());
        return TemplateView.of(templates.findBySid(request.contentSid()).orElseThrow(), null);
    }

    /**
     * Creates or updates each template; returns how many changed approval status. One instance at a time: a second
     * sync waits and then finds nothing changed, so no status change is recorded twice.
     */
    @Transactional
    public int save(List<Template> fetched) {
        jobs.lockForTransaction(TEMPLATE_REGISTRY_LOCK);
        int changed = 0;
        for (Template template : fetched) {
            changed += templates.upsert(template, clock.instant()) ? 1 : 0;
        }
        return changed;
    }

    /**
     * Applies a change Meta made, as Event Streams reported it. Serialised with the syncs on the registry's lock and
     * applied once per CloudEvent id; rules read the registry at every decision and before every attempt, so a
     * template paused, disabled or rejected here is not sent from the next decision on, and a rule that requires a
     * UTILITY template stops using one Meta re-categorised.
     */
    @Transactional
    public ChangeOutcome applyChange(TemplateApprovalChanged change) {
        jobs.lockForTransaction(TEMPLATE_REGISTRY_LOCK);
        Optional<Template> found = templates.findBySid(change.templateSid());
        if (found.isEmpty()) {
            return ChangeOutcome.UNKNOWN_TEMPLATE;
        }
        String source = "event-streams " + change.cloudEventId();
        if (templates.changeRecorded(source)) {
            return ChangeOutcome.UNCHANGED;
        }
        Template template = found.get();
        Instant now = clock.instant();
        if (change.change() == TemplateApprovalChanged.Change.STATUS) {
            String status = change.currentValue().toLowerCase(Locale.ROOT);
            if (status.equals(template.approvalStatus)) {
                return ChangeOutcome.UNCHANGED;
            }
            templates.statusChanged(template.id, status, now);
            templates.recordChange(template.id, TemplateStatusChange.STATUS, template.approvalStatus, status,
                    "Meta: " + change.previousValue() + " to " + status, source, change.changedAt());
            return ChangeOutcome.APPLIED;
        }
        String category = change.currentValue().toUpperCase(Locale.ROOT);
        if (category.equalsIgnoreCase(template.category)) {
            return ChangeOutcome.UNCHANGED;
        }
        String from = template.category != null ? template.category
                : change.previousValue() == null ? "UNKNOWN" : change.previousValue();
        templates.recategorised(template.id, from, category, now);
        templates.recordChange(template.id, TemplateStatusChange.CATEGORY, template.category, category,
                "Meta re-categorised the template", source, change.changedAt());
        return ChangeOutcome.APPLIED;
    }

    /** What became of this template's messages over [from, to). */
    @Transactional
    public StatsView stats(long id, String from, String to) {
        Template template = find(id);
        TimeRange range = TimeRange.parse(from, to, clock.instant());
        return StatsView.of(range, dispatches.counts(range.from(), range.to(), template.contentSid, null));
    }

    /** The template a one-off message or a campaign names, which must exist and be approved. */
    @Transactional
    public Template forSending(Long templateId, String contentSid) {
        Template template = (templateId != null ? templates.findByIdOptional(templateId) : templates.findBySid(contentSid))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                        "template " + (templateId != null ? templateId : contentSid) + " does not exist"));
        if (!template.approved()) {
            throw new ProblemException(SenderProblems.TEMPLATE_NOT_APPROVED, "template " + template.contentSid + " is "
                    + template.approvalStatus + ": only approved templates are sent");
        }
        return template;
    }

    private Template find(long id) {
        return templates.findByIdOptional(id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "template " + id + " does not exist"));
    }
}
