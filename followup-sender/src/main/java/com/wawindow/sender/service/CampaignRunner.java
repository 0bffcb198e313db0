package com.wawindow.sender.service;

import com.wawindow.events.ContactIds;
import com.wawindow.sender.client.WindowTrackerApi.Page;
import com.wawindow.sender.client.WindowTrackerApi.SegmentContact;
import com.wawindow.sender.client.WindowTrackerClient;
import com.wawindow.sender.config.FollowupConfig;
import com.wawindow.sender.entity.Campaign;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.FollowupDecision;
import com.wawindow.sender.entity.FollowupDecision.Decision;
import com.wawindow.sender.repository.DispatchRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Broadcasts: one template to every contact of a tracker segment, through the same rate limiter and dispatch
 * dedupe as follow-ups. Pages are read in contact id order and sent in parallel, FOLLOWUP_CAMPAIGN_CONCURRENCY at once
 * (the rate limiter paces them); the tracker's cursor is saved after each page, so a restarted campaign goes on where
 * it was and a redone page sends nothing twice. While a page is worked its lease is renewed every third of the lease,
 * so a slow page is never taken by a second instance; a lost lease or a cancel stops the sends that have not started.
 * Before each page the template must still be approved. Holds no transaction: claims, page saves and audit entries commit on their own.
 */
@ApplicationScoped
public class CampaignRunner {

    private static final int PAGE_SIZE = 100;

    private final ExecutorService senders;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor();
    private final CampaignService campaigns;
    private final WindowTrackerClient tracker;
    private final ContactService contacts;
    private final DecisionLog decisions;
    private final Dispatcher dispatcher;
    private final MessageFactory messages;
    private final Pricing pricing;
    private final Clock clock;

    public CampaignRunner(CampaignService campaigns, WindowTrackerClient tracker, ContactService contacts,
            DecisionLog decisions, Dispatcher dispatcher, MessageFactory messages, Pricing pricing, FollowupConfig config,
            Clock clock) {
        this.pricing = pricing;
        this.clock = clock;
        // each send holds at most one pooled connection at a time: config.StartupChecks keeps them within the pool
        this.senders = Executors.newFixedThreadPool(config.campaignConcurrency());
        this.campaigns = campaigns;
        this.tracker = tracker;
        this.contacts = contacts;
        this.decisions = decisions;
        this.dispatcher = dispatcher;
        this.messages = messages;
    }

    @Scheduled(every = "${followup.scheduler-interval}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void work() {
        Optional<Campaign> claimed;
        while ((claimed = campaigns.claimNext()).isPresent()) {
            run(claimed.get());
        }
    }

    private void run(Campaign campaign) {
        Log.infof("campaign %d claimed by this instance, from cursor %s", campaign.id, campaign.nextCursor);
        CampaignService.Segment segment = CampaignService.parse(campaign.segment);
        String cursor = campaign.nextCursor;
        AtomicBoolean held = new AtomicBoolean(true);
        long every = Math.max(1, campaigns.lease().toMillis() / 3);
        ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> renew(campaign.id, held), every, every,
                TimeUnit.MILLISECONDS);
        try {
            do {
                if (!campaigns.renew(campaign.id)) {
                    Log.infof("campaign %d is no longer this instance's (cancelled, or taken over)", campaign.id);
                    return;
                }
                Page page = tracker.contacts(segment.state(), segment.lastMessageAfter(), segment.lastMessageBefore(),
                        cursor, PAGE_SIZE);
                // checked once the page is here, right before its sends: a sync may have changed it meanwhile
                Optional<String> category = campaigns.templateStillApproved(campaign);
                if (category.isEmpty()) {
                    Log.warnf("campaign %d stopped: template %s is no longer approved", campaign.id, campaign.contentSid);
                    return;
                }
                sendPage(campaign, category.get(), page.items(), held);
                if (!held.get()) {
                    Log.infof("campaign %d: lease lost or cancelled mid-page, its unsent contacts left", campaign.id);
                    return;
                }
                cursor = page.nextCursor();
                if (!campaigns.pageDone(campaign.id, cursor,
                        page.items().stream().map(SegmentContact::contactId).toList())) {
                    Log.infof("campaign %d is no longer this instance's (cancelled, or taken over)", campaign.id);
                    return;
                }
            } while (cursor != null);
            Log.infof("campaign %d completed", campaign.id);
        } catch (RuntimeException e) {
            // the lease runs out and this or another instance resumes from the last saved page
            Log.warnf("campaign %d paused, resumed after %s: %s", campaign.id, campaigns.lease(), e.getMessage());
        } finally {
            renewal.cancel(false);
        }
    }

    private void renew(long campaignId, AtomicBoolean held) {
        try {
            if (held.get() && !campaigns.renew(campaignId)) {
                held.set(false);
            }
        } catch (RuntimeException e) {
            // a database that does not answer lets the lease run out: stop sending before another instance starts
            held.set(false);
            Log.warnf("campaign %d: lease not renewed, stopping its sends: %s", campaignId, e.getMessage());
        }
    }

    private void sendPage(Campaign campaign, String category, List<SegmentContact> page, AtomicBoolean held) {
        List<Callable<Void>> sends = new ArrayList<>();
        for (SegmentContact contact : page) {
            if (contact.optedOut() || contacts.isOptedOut(contact.contactId())) {
                record(campaign, contact.contactId(), new DispatchResult.Audit(Decision.SKIPPED, "contact opted out", null));
                continue;
            }
            sends.add(() -> {
                if (held.get()) {
                    send(campaign, category, contact);
                }
                return null;
            });
        }
        try {
            for (Future<Void> sent : senders.invokeAll(sends)) {
                sent.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void send(Campaign campaign, String category, SegmentContact contact) {
        Map<String, String> values = new HashMap<>();
        values.put("profileName", contact.profileName());
        values.put("contactId", contact.contactId());
        values.put("lastMessageAt", contact.lastMessageAt() == null ? null : contact.lastMessageAt().toString());
        String to = contact.contactAddress() == null || contact.contactAddress().isBlank()
                ? ContactIds.whatsappAddress(contact.contactId()) : contact.contactAddress();
        var claim = new DispatchRepository.Claim("campaign:" + campaign.id + ":" + contact.contactId(), Dispatch.Kind.CAMPAIGN,
                null, null, campaign.id, contact.contactId(), messages.template(to, null, campaign.contentSid,
                        ContentVariables.render(campaign.contentVariables, values)))
                .priced(pricing.price(new PricingRules.Send(contact.contactId(), category, contact.open(),
                        contact.entryPointOpenAt(clock.instant()), clock.instant())));
        try {
            dispatcher.dispatch(claim).audit().ifPresent(audit -> record(campaign, contact.contactId(), audit));
        } catch (RuntimeException e) {
            record(campaign, contact.contactId(),
                    new DispatchResult.Audit(Decision.FAILED, "gave up after retries: " + e.getMessage(), null));
        }
    }

    private void record(Campaign campaign, String contactId, DispatchResult.Audit audit) {
        FollowupDecision entry = FollowupDecision.of(contactId, audit.decision(), audit.reason());
        entry.campaignId = campaign.id;
        entry.dispatchId = audit.dispatchId();
        decisions.record(entry);
    }

    @PreDestroy
    void stop() {
        renewals.shutdownNow();
        senders.shutdownNow();
    }
}
