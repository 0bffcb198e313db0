package com.wawindow.sender.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.wawindow.events.serde.EventJson;
import com.wawindow.sender.config.ScaleConfig;
import com.wawindow.sender.entity.Campaign;
import com.wawindow.sender.entity.Template;
import com.wawindow.sender.repository.CampaignRepository;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Broadcast campaigns: stored RUNNING by {@link #start}, then sent page by page by {@link CampaignRunner}, which
 * claims them here under a lease (in the database's clock, renewed while a page is worked) and saves each page's
 * cursor, so a dead instance's campaign is resumed by another and a slow page is never taken by a second one.
 */
@ApplicationScoped
public class CampaignService {

    static final String DEFAULT_VARIABLES = "{\"1\":\"{profileName}\"}";

    /** A segment of window-tracker's contacts: state open, closed or expiring-soon (null = any); opted-out excluded. */
    public record Segment(
            @Pattern(regexp = "(?i)open|closed|expiring-soon", message = "must be open, closed or expiring-soon") String state,
            Instant lastMessageAfter, Instant lastMessageBefore) {
    }

    public record CampaignOrder(@NotNull Long templateId, @Valid Segment segment, String contentVariables) {
    }

    public record CampaignView(long id, long templateId, String contentSid, String segment, Campaign.State state,
            long total, long sent, long skipped, long failed, Double progress, Instant createdAt, Instant updatedAt,
            String stopReason) {
    }

    private final CampaignRepository campaigns;
    private final TemplateService templates;
    private final SenderInstance instance;
    private final Duration lease;
    private final Clock clock;

    public CampaignService(CampaignRepository campaigns, TemplateService templates, SenderInstance instance,
            ScaleConfig config, Clock clock) {
        this.campaigns = campaigns;
        this.templates = templates;
        this.instance = instance;
        this.lease = config.campaignLease();
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

    /**
     * Cancels a running campaign: its holder sends nothing more once it sees it (before each send and at each lease
     * renewal). A campaign that no longer runs (completed, stopped, cancelled) is answered as it is: a cancel
     * that crosses the campaign's last page is no error.
     * @throws ProblemException not-found (404)
     */
    @Transactional
    public CampaignView cancel(long id) {
        Campaign campaign = find(id);
        if (campaign.state == Campaign.State.RUNNING) {
            campaigns.end(id, Campaign.State.CANCELLED, null, clock.instant());
            campaigns.getEntityManager().refresh(campaign);
        }
        return view(campaign);
    }

    /** The newest campaigns first. */
    @Transactional
    public List<CampaignView> list(int limit) {
        return campaigns.newest(limit).stream().map(this::view).toList();
    }

    /** How long a claimed campaign is this instance's without a renewal (FOLLOWUP_CAMPAIGN_LEASE). */
    Duration lease() {
        return lease;
    }

    /** A running campaign nobody holds (or whose holder's lease ran out), now this instance's for {@link #lease()}. */
    @Transactional(TxType.REQUIRES_NEW)
    public Optional<Campaign> claimNext() {
        return campaigns.claimRunning(instance.id(), lease);
    }

    /** Extends this instance's lease; false when the campaign is no longer its to work (cancelled, ended, taken). */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean renew(long id) {
        return campaigns.renew(id, instance.id(), lease);
    }

    /**
     * Checked before each page: the campaign's template must still be approved, else the campaign is STOPPED with
     * the reason and empty returned.
     * @return the template's category as of now (it prices the page's sends), {@code unknown} when it has none
     */
    @Transactional(TxType.NOT_SUPPORTED)
    public Optional<String> templateStillApproved(Campaign campaign) {
        try {
            // its own transaction: the refusal rolls that one back, not the stop recorded below
            return Optional.of(PricingRules.categoryOf(templates.forSending(campaign.templateId, null)));
        } catch (ProblemException e) {
            if (e.type() != SenderProblems.TEMPLATE_NOT_APPROVED && e.type() != ProblemType.NOT_FOUND) {
                throw e;
            }
            QuarkusTransaction.requiringNew().run(
                    () -> campaigns.end(campaign.id, Campaign.State.STOPPED, e.getMessage(), clock.instant()));
            return Optional.empty();
        }
    }

    /**
     * A page is done: the contacts it reached, its cursor and the lease renewal are saved together (COMPLETED after
     * the last page). Total counts each contact once, however often a page is read. False, and nothing saved, when
     * the campaign is no longer this instance's (cancelled, or its lease ran out and another took it).
     */
    @Transactional(TxType.REQUIRES_NEW)
    public boolean pageDone(long id, String nextCursor, List<String> contactIds) {
        if (campaigns.lockHeld(id, instance.id()).isEmpty()) {
            return false;
        }
        int reached = campaigns.recordContacts(id, contactIds);
        campaigns.pageDone(id, instance.id(), nextCursor, reached, lease, clock.instant());
        return true;
    }

    private Campaign find(long id) {
        return campaigns.findByIdOptional(id)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "campaign " + id + " does not exist"));
    }

    private CampaignView view(Campaign c) {
        CampaignRepository.Progress p = campaigns.progress(c.id);
        long done = p.sent() + p.skipped() + p.failed();
        Double progress = c.state == Campaign.State.COMPLETED ? Double.valueOf(1.0)
                : c.total == 0 ? null : Math.min(1.0, (double) done / c.total);
        return new CampaignView(c.id, c.templateId, c.contentSid, c.segment, c.state, c.total, p.sent(), p.skipped(),
                p.failed(), progress, c.createdAt, c.updatedAt, c.stopReason);
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
