package com.wawindow.console.service;

import com.wawindow.console.client.SenderApi;
import com.wawindow.console.client.SenderClient;
import com.wawindow.console.client.TrackerClient;
import com.wawindow.console.client.UpstreamException;
import com.wawindow.console.config.ConsoleConfig;
import com.wawindow.console.entity.StartedCampaign;
import com.wawindow.console.repository.StartedCampaignRepository;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import io.quarkus.logging.Log;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Campaigns: the reach of a segment and the sender's cost estimate before anybody confirms, the start, the
 * progress, the list and cancel. The console remembers who started which campaign here and with which segment in words.
 */
@ApplicationScoped
public class CampaignService {


    private final SenderClient sender;
    private final TrackerClient tracker;
    private final StartedCampaignRepository started;
    private final ConsoleConfig config;
    private final Clock clock;

    public CampaignService(SenderClient sender, TrackerClient tracker, StartedCampaignRepository started,
            ConsoleConfig config, Clock clock) {
        this.sender = sender;
        this.tracker = tracker;
        this.started = started;
        this.config = config;
        this.clock = clock;
    }

    /** The campaign form: a template and a segment (blank = any). */
    public record CampaignForm(Long templateId, String state, String lastMessageAfter, String lastMessageBefore) {
    }

    /**
     * What a confirmation shows: the template, the segment in words, how many contacts it reaches, and the sender's
     * estimate of the billable sends and their cost.
     */
    public record Preview(CampaignForm form, SenderApi.Template template, String segment, long reach, boolean more,
            String afterIso, String beforeIso, SenderApi.Estimate estimate) {
    }

    public record Row(StartedCampaign started, SenderApi.Campaign progress, String error) {
    }

    /** A form checked against the sender's templates: the segment parsed, nothing asked of the tracker yet. */
    private record Checked(SenderApi.Template template, String state, Instant after, Instant before) {

        SenderApi.CampaignRequest request() {
            return new SenderApi.CampaignRequest(template.id(), new SenderApi.Segment(state, after, before), null);
        }

        String segment() {
            return describe(state, after, before);
        }
    }

    /** The confirmation: the tracker's count and the sender's estimate. Nothing is started. */
    public Preview preview(CampaignForm form) {
        Checked checked = check(form);
        // opted-out contacts are left out by the sender as well
        long reach = tracker.count(checked.state(), checked.after() == null ? null : checked.after().toString(),
                checked.before() == null ? null : checked.before().toString(), "false");
        SenderApi.Estimate estimate = sender.estimateCampaign(checked.request());
        return new Preview(form, checked.template(), checked.segment(), reach, false,
                checked.after() == null ? "" : checked.after().toString(),
                checked.before() == null ? "" : checked.before().toString(), estimate);
    }

    /** Starts what the confirmation showed (its form, posted back with the Confirm button). */
    @Transactional
    public long start(CampaignForm form, String startedBy) {
        Checked checked = check(form);
        SenderApi.Campaign campaign = sender.startCampaign(checked.request());
        StartedCampaign row = new StartedCampaign();
        row.campaignId = campaign.id();
        row.templateName = checked.template().friendlyName();
        row.segment = checked.segment();
        row.startedBy = startedBy;
        row.startedAt = clock.instant();
        started.persist(row);
        return campaign.id();
    }

    private Checked check(CampaignForm form) {
        if (form.templateId() == null) {
            throw new ProblemException(ProblemType.INVALID_REQUEST, "pick a template for the campaign");
        }
        SenderApi.Template template = sender.templates().stream().filter(t -> t.id() == form.templateId()).findFirst()
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "template " + form.templateId() + " is gone"));
        if (!template.approved()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "template " + template.friendlyName() + " is " + template.approvalStatus() + ", not approved");
        }
        Instant after = InputInstants.parse("last message after", form.lastMessageAfter());
        Instant before = InputInstants.parse("last message before", form.lastMessageBefore());
        return new Checked(template, ContactService.blankToNull(form.state()), after, before);
    }

    /**
     * The sender's newest campaigns, whoever started them; those started here also show who and with which segment
     * in words.
     */
    @Transactional
    public List<Row> list() {
        List<SenderApi.Campaign> all;
        try {
            all = sender.campaigns(50);
        } catch (UpstreamException e) {
            return List.of(new Row(null, null, ContactService.message(e)));
        }
        Map<Long, StartedCampaign> here = new HashMap<>();
        for (StartedCampaign c : started.newest(200)) {
            here.put(c.campaignId, c);
        }
        List<Row> rows = new ArrayList<>();
        for (SenderApi.Campaign c : all) {
            rows.add(new Row(here.get(c.id()), c, null));
        }
        return rows;
    }

    /** Stops a running campaign before its next page (the page being sent finishes). */
    public SenderApi.Campaign cancel(long id, String cancelledBy) {
        SenderApi.Campaign campaign = sender.cancelCampaign(id);
        Log.infof("campaign %d cancelled by %s: %s", id, cancelledBy, campaign.state());
        return campaign;
    }

    public SenderApi.Campaign progress(long id) {
        return sender.campaign(id);
    }

    static String describe(String state, Instant after, Instant before) {
        List<String> parts = new ArrayList<>();
        parts.add(state == null ? "every window state" : state.replace('-', ' '));
        if (after != null) {
            parts.add("last message after " + after);
        }
        if (before != null) {
            parts.add("last message before " + before);
        }
        parts.add("not opted out");
        return String.join(", ", parts);
    }
}
