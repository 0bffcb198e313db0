package com.wawindow.sender.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.wawindow.events.serde.EventJson;
import com.wawindow.sender.entity.Campaign;
import com.wawindow.sender.entity.Template;
import com.wawindow.sender.repository.CampaignRepository;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.quarkus.logging.Log;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Broadcast campaigns: stored RUNNING by {@link #start}, then sent page by page by {@link CampaignRunner}, which
 * claims them here under a lease and saves each page's cursor, so a dead instance's campaign is resumed.
 */
@ApplicationScoped
public class CampaignService {

    /** How long a claimed campaign is this instance's; renewed with every page. */
    static final Duration LEASE = Duration.ofMinutes(2);
    static final String DEFAULT_VARIABLES = "{\"1\":\"{profileName}\"}";

    /** A segment of window-tracker's contacts: state open, closed or expiring-soon (null = any); opted-out excluded. */
    public record Segment(
            @Pattern(regexp = "(?i)open|closed|expiring-soon", message = "must be open, closed or expiring-soon") String state,
            Instant lastMessageAfter, Instant lastMessageBefore) {
    }

    public record CampaignOrder(@NotNull Long templateId, @Valid Segment segment, String contentVariables) {
    }

    public record CampaignView(long id, long templateId, String contentSid, String segment, Campaign.State state,
            long total, long sent, long skipped, long failed, Double progress, Instant createdAt, Instant updatedAt) {
    }

    private final CampaignRepository campaigns;
    private final TemplateService templates;
    private final Clock clock;

    public CampaignService(CampaignRepository campaigns, TemplateService templates, Clock clock) {
        this.campaigns = campaigns;
        this.templates = templates;
        this.clock = clock;
    }

    @Transactional
    public CampaignView start(CampaignOrder order) {
        Template template = templates.forSending(order.templateId(), null);
        String variables = order.contentVariables() == null ? DEFAULT_VARIABLES : order.contentVariables();
        ContentVariables.validate(variables);
        Segment segment = order.segment() == null ? new Segment(null, null, null) : order.segment();
        Campaign campaign = new Campaign();
        campaign.templateId = template.id;
        campaign.contentSid = template.contentSid;
        campaign.contentVariables = variables;
        campaign.segment = json(new Segment(segment.state() == null ? null : segment.state().toLowerCase(Locale.ROOT),
                segment.lastMessageAfter(), segment.lastMessageBefore()));
        campaign.state = Campaign.State.RUNNING;
        campaign.createdAt = clock.instant();
        campaign.updatedAt = campaign.createdAt;
        campaigns.persist(campaign);
        return view(campaign);
    }

    @Transactional
    public CampaignView progress(long id) {
        return view(campaigns.findByIdOptional(id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "campaign " + id + " does not exist")));
    }

    /** A running campaign nobody holds (or whose holder's lease ran out), now this instance's for {@link #LEASE}. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Campaign> claimNext() {
        return campaigns.claimRunning(clock.instant(), LEASE);
    }

    /**
     * A page is done: its cursor and count are saved together and the lease renewed (COMPLETED after the last).
     * @return false when the campaign was cancelled meanwhile: the runner stops before the next page
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean pageDone(long id, String nextCursor, int pageSize) {
        Instant now = clock.instant();
        return campaigns.pageDone(id, nextCursor, pageSize, now.plus(LEASE), now);
    }

    /** The newest campaigns first. */
    @Transactional
    public List<CampaignView> list(int limit) {
        return campaigns.newest(limit).stream().map(this::view).toList();
    }

    /**
     * Stops a running campaign: no page is started after this (the page being sent when it is cancelled finishes,
     * at most one page of sends). Cancelling a campaign that no longer runs (completed, cancelled) changes nothing.
     */
    @Transactional
    public CampaignView cancel(long id) {
        Campaign campaign = campaigns.findByIdOptional(id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "campaign " + id + " does not exist"));
        if (campaigns.cancel(id, clock.instant())) {
            Log.infof("campaign %d cancelled", id);
        }
        campaigns.getEntityManager().refresh(campaign);
        return view(campaign);
    }

    private CampaignView view(Campaign c) {
        CampaignRepository.Progress p = campaigns.progress(c.id);
        long done = p.sent() + p.skipped() + p.failed();
        Double progress = c.state == Campaign.State.COMPLETED ? Double.valueOf(1.0)
                : c.total == 0 ? null : Math.min(1.0, (double) done / c.total);
        return new CampaignView(c.id, c.templateId, c.contentSid, c.segment, c.state, c.total, p.sent(), p.skipped(),
                p.failed(), progress, c.createdAt, c.updatedAt);
    }

    static String json(Segment segment) {
        try {
            return EventJson.MAPPER.writeValueAsString(segment);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Segment parse(String json) {
        try {
            return EventJson.MAPPER.readValue(json, Segment.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
