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
 * Campaigns: the reach of a segment before anybody confirms (the tracker's count), the start, the progress, the list
 * and cancel. The console remembers who started which campaign here and with which segment in words.
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

    /** What a confirmation shows: the template, the segment in words, and how many contacts it reaches. */
    public record Preview(CampaignForm form, SenderApi.Template template, String segment, long reach, boolean more,
            String afterIso, String beforeIso) {
    }

    public record Row(StartedCampaign started, SenderApi.Campaign progress, String error) {
    }

    public Preview preview(CampaignForm form) {
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
        String state = ContactService.blankToNull(form.state());
        // opted-out contacts are left out by the sender as well
        long reach = tracker.count(state, after == null ? null : after.toString(),
                before == null ? null : before.toString(), "false");
        return new Preview(form, template, describe(state, after, before), reach, false,
                after == null ? "" : after.toString(), before == null ? "" : before.toString());
    }

    @Transactional
    public long start(CampaignForm form, String startedBy) {
        Preview preview = preview(form);
        Instant after = InputInstants.parse("last message after", form.lastMessageAfter());
        Instant before = InputInstants.parse("last message before", form.lastMessageBefore());
        String state = ContactService.blankToNull(form.state());
        SenderApi.Campaign campaign = sender.startCampaign(new SenderApi.CampaignRequest(form.templateId(),
                new SenderApi.Segment(state, after, before), null));
        StartedCampaign row = new StartedCampaign();
        row.campaignId = campaign.id();
        row.templateName = preview.template().friendlyName();
        row.segment = preview.segment();
        row.startedBy = startedBy;
        row.startedAt = clock.instant();
        started.persist(row);
        return campaign.id();
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
