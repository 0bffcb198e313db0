package com.wawindow.sender.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.wawindow.events.ContactIds;
import com.wawindow.events.serde.EventJson;
import com.wawindow.sender.client.WindowTrackerClient;
import com.wawindow.sender.client.WindowTrackerClient.Segment;
import com.wawindow.sender.client.WindowTrackerClient.SegmentContact;
import com.wawindow.sender.entity.Campaign;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.FollowupDecision;
import com.wawindow.sender.entity.Template;
import com.wawindow.sender.repository.CampaignRepository;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.FollowupDecisionRepository;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
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

/**
 * Broadcasts: one template to every contact of a tracker segment, through the same rate limiter and dispatch
 * dedupe as follow-ups. Pages are sent in parallel (the rate limiter bounds them) and the tracker's cursor is
 * saved after each page, so a restarted campaign goes on where it was and a redone page sends nothing twice.
 */
@ApplicationScoped
public class CampaignService {

    private static final int PAGE_SIZE = 100;
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final ExecutorService senders = Executors.newFixedThreadPool(16);

    @Inject
    CampaignRepository campaigns;
    @Inject
    WindowTrackerClient tracker;
    @Inject
    ContactConsentRepository consents;
    @Inject
    FollowupDecisionRepository decisions;
    @Inject
    Dispatcher dispatcher;
    @Inject
    MessageFactory messages;

    public Campaign start(Template template, Segment segment, String contentVariables) {
        if (!template.approved()) {
            throw new IllegalArgumentException("template " + template.contentSid + " is " + template.approvalStatus
                    + ": only approved templates are sent");
        }
        ContentVariables.validate(contentVariables);
        Campaign campaign = new Campaign();
        campaign.templateId = template.id;
        campaign.contentSid = template.contentSid;
        campaign.contentVariables = contentVariables;
        campaign.segment = json(segment);
        campaign.state = Campaign.State.RUNNING;
        campaign.createdAt = Instant.now();
        campaign.updatedAt = campaign.createdAt;
        QuarkusTransaction.requiringNew().run(() -> campaigns.persist(campaign));
        return campaign;
    }

    @Scheduled(every = "${followup.scheduler-interval}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @ActivateRequestContext
    void work() {
        Optional<Campaign> claimed;
        while ((claimed = QuarkusTransaction.requiringNew().call(() -> campaigns.claimRunning(Instant.now(), LEASE)))
                .isPresent()) {
            run(claimed.get());
        }
    }

    private void run(Campaign campaign) {
        Segment segment = parse(campaign.segment);
        String cursor = campaign.nextCursor;
        try {
            do {
                WindowTrackerClient.Page page = tracker.contacts(segment, cursor, PAGE_SIZE);
                sendPage(campaign, page.items());
                cursor = page.nextCursor();
                String next = cursor;
                QuarkusTransaction.requiringNew().run(() -> campaigns.pageDone(campaign.id, next, page.items().size(),
                        Instant.now().plus(LEASE)));
            } while (cursor != null);
            Log.infof("campaign %d completed", campaign.id);
        } catch (RuntimeException e) {
            // the lease runs out and this or another instance resumes from the last saved page
            Log.warnf("campaign %d paused, resumed after %s: %s", campaign.id, LEASE, e.getMessage());
        }
    }

    private void sendPage(Campaign campaign, List<SegmentContact> contacts) {
        List<Callable<Void>> sends = new ArrayList<>();
        for (SegmentContact contact : contacts) {
            if (contact.optedOut() || consents.isOptedOut(contact.contactId())) {
                record(campaign, contact.contactId(), FollowupDecision.Outcome.SKIPPED, "contact opted out", null);
                continue;
            }
            sends.add(() -> {
                send(campaign, contact);
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

    private void send(Campaign campaign, SegmentContact contact) {
        Map<String, String> values = new HashMap<>();
        values.put("profileName", contact.profileName());
        values.put("contactId", contact.contactId());
        values.put("lastMessageAt", contact.lastMessageAt() == null ? null : contact.lastMessageAt().toString());
        String to = contact.contactAddress() == null || contact.contactAddress().isBlank()
                ? ContactIds.whatsappAddress(contact.contactId()) : contact.contactAddress();
        var claim = new DispatchRepository.Claim("campaign:" + campaign.id + ":" + contact.contactId(), Dispatch.Kind.CAMPAIGN,
                null, null, campaign.id, contact.contactId(), messages.template(to, null, campaign.contentSid,
                        ContentVariables.render(campaign.contentVariables, values)));
        try {
            Dispatcher.Outcome outcome = dispatcher.dispatch(claim);
            if (outcome instanceof Dispatcher.Outcome.Sent sent) {
                record(campaign, contact.contactId(), FollowupDecision.Outcome.SENT, "Twilio message " + sent.messageSid(),
                        sent.dispatchId());
            } else if (outcome instanceof Dispatcher.Outcome.DryRun dryRun) {
                record(campaign, contact.contactId(), FollowupDecision.Outcome.DRY_RUN, "no Twilio credentials",
                        dryRun.dispatchId());
            } else if (outcome instanceof Dispatcher.Outcome.Rejected rejected) {
                record(campaign, contact.contactId(), FollowupDecision.Outcome.FAILED,
                        "Twilio error " + rejected.errorCode() + ": " + rejected.message(), rejected.dispatchId());
            }
        } catch (RuntimeException e) {
            record(campaign, contact.contactId(), FollowupDecision.Outcome.FAILED, "gave up after retries: " + e.getMessage(),
                    null);
        }
    }

    private void record(Campaign campaign, String contactId, FollowupDecision.Outcome outcome, String reason, Long dispatchId) {
        FollowupDecision decision = new FollowupDecision();
        decision.contactId = contactId;
        decision.campaignId = campaign.id;
        decision.dispatchId = dispatchId;
        decision.decision = outcome;
        decision.reason = reason;
        QuarkusTransaction.requiringNew().run(() -> decisions.record(decision));
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    private static String json(Segment segment) {
        try {
            return EventJson.MAPPER.writeValueAsString(segment);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Segment parse(String json) {
        try {
            return EventJson.MAPPER.readValue(json, Segment.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
