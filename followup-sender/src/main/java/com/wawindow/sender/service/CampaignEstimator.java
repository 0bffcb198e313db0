package com.wawindow.sender.service;

import com.wawindow.sender.entity.Priced;
import com.wawindow.sender.client.WindowTrackerApi.Page;
import com.wawindow.sender.client.WindowTrackerApi.SegmentContact;
import com.wawindow.sender.client.WindowTrackerClient;
import com.wawindow.sender.client.WindowTrackerClient.TrackerUnavailableException;
import com.wawindow.sender.entity.Template;
import com.wawindow.support.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a campaign would cost, before it is started: the segment's size from window-tracker, and each contact of the
 * first {@link #SAMPLE} priced as the runner would price its send now (its window open or closed, its entry point
 * window). A larger segment's cost is the sample's scaled to its size ({@code exact} false).
 */
@ApplicationScoped
public class CampaignEstimator {

    /** Contacts priced one by one; beyond them the estimate is scaled. */
    static final int SAMPLE = 2_000;
    private static final int PAGE_SIZE = 500;

    /** {@code costs} per currency; {@code unpriced} contacts no pricing row covered (their cost is unknown). */
    public record Estimate(long templateId, String contentSid, String category, long reach, long sampled, long billable,
            long free, long unpriced, Map<String, BigDecimal> estimatedCost, boolean exact, Instant estimatedAt) {
    }

    private final TemplateService templates;
    private final WindowTrackerClient tracker;
    private final Pricing pricing;
    private final Clock clock;

    public CampaignEstimator(TemplateService templates, WindowTrackerClient tracker, Pricing pricing, Clock clock) {
        this.templates = templates;
        this.tracker = tracker;
        this.pricing = pricing;
        this.clock = clock;
    }

    /**
     * @throws ProblemException template-not-approved / not-found as a start would, window-state-unknown (503) when
     *         the tracker does not answer
     */
    public Estimate estimate(CampaignService.CampaignOrder order) {
        Template template = QuarkusTransaction.requiringNew().call(() -> templates.forSending(order.templateId(), null));
        String category = PricingRules.categoryOf(template);
        CampaignService.Segment segment = order.segment() == null ? new CampaignService.Segment(null, null, null)
                : order.segment();
        Instant now = clock.instant();
        try {
            long reach = tracker.count(segment.state(), segment.lastMessageAfter(), segment.lastMessageBefore());
            long sampled = 0;
            long billable = 0;
            long unpriced = 0;
            Map<String, BigDecimal> cost = new TreeMap<>();
            String cursor = null;
            do {
                Page page = tracker.contacts(segment.state(), segment.lastMessageAfter(), segment.lastMessageBefore(),
                        cursor, PAGE_SIZE);
                for (SegmentContact contact : page.items()) {
                    if (sampled == SAMPLE) {
                        break;
                    }
                    sampled++;
                    Priced priced = pricing.price(new PricingRules.Send(contact.contactId(), category,
                            contact.open(), contact.entryPointOpenAt(now), now));
                    if (priced.billable()) {
                        billable++;
                        if (priced.cost() == null) {
                            unpriced++;
                        } else {
                            cost.merge(priced.currency(), priced.cost(), BigDecimal::add);
                        }
                    }
                }
                cursor = page.nextCursor();
            } while (cursor != null && sampled < SAMPLE);
            boolean exact = sampled >= reach;
            // a segment larger than the sample: its counts and cost scaled by reach / sampled
            boolean scaled = !exact && sampled > 0;
            long total = exact ? sampled : reach;
            long scaledBillable = scaled ? Math.round((double) billable * reach / sampled) : billable;
            long scaledUnpriced = scaled ? Math.round((double) unpriced * reach / sampled) : unpriced;
            Map<String, BigDecimal> estimated = new TreeMap<>();
            for (Map.Entry<String, BigDecimal> sum : cost.entrySet()) {
                estimated.put(sum.getKey(), scaled ? sum.getValue().multiply(BigDecimal.valueOf(reach))
                        .divide(BigDecimal.valueOf(sampled), 6, RoundingMode.HALF_UP) : sum.getValue());
            }
            return new Estimate(template.id, template.contentSid, PricingRules.normalised(category), total, sampled,
                    scaledBillable, total - scaledBillable, scaledUnpriced, estimated, exact, now);
        } catch (TrackerUnavailableException e) {
            throw new ProblemException(SenderProblems.WINDOW_STATE_UNKNOWN, e.getMessage() + "; no estimate");
        }
    }
}
