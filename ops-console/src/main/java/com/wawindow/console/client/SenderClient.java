package com.wawindow.console.client;

import com.wawindow.console.client.SenderApi.Campaign;
import com.wawindow.console.client.SenderApi.CampaignRequest;
import com.wawindow.console.client.SenderApi.Consent;
import com.wawindow.console.client.SenderApi.Decision;
import com.wawindow.console.client.SenderApi.MessageRequest;
import com.wawindow.console.client.SenderApi.MessageResult;
import com.wawindow.console.client.SenderApi.Rule;
import com.wawindow.console.client.SenderApi.RuleRequest;
import com.wawindow.console.client.SenderApi.Stats;
import com.wawindow.console.client.SenderApi.Template;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * followup-sender. Reads are retried when no answer came; writes are not (a send carries an Idempotency-Key, but a
 * person pressing the button again is the retry the console wants).
 */
@ApplicationScoped
public class SenderClient {

    private static final String NAME = "followup-sender";
    private final SenderApi api;

    public SenderClient(@RestClient SenderApi api) {
        this.api = api;
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public List<Template> templates() {
        return Calls.to(NAME, api::templates);
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public Stats templateStats(long id, Instant from, Instant to) {
        return Calls.to(NAME, () -> api.templateStats(id, from, to));
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public List<Rule> rules() {
        return Calls.to(NAME, api::rules);
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public Rule rule(long id) {
        return Calls.to(NAME, () -> api.rule(id));
    }

    public Rule createRule(RuleRequest request) {
        return Calls.to(NAME, () -> api.createRule(request));
    }

    public Rule updateRule(long id, RuleRequest request) {
        return Calls.to(NAME, () -> api.updateRule(id, request));
    }

    public Campaign startCampaign(CampaignRequest request) {
        return Calls.to(NAME, () -> api.startCampaign(request));
    }

    /** A read although it is a POST: nothing is stored, so it is retried. */
    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public SenderApi.Estimate estimateCampaign(CampaignRequest request) {
        return Calls.to(NAME, () -> api.estimateCampaign(request));
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public Campaign campaign(long id) {
        return Calls.to(NAME, () -> api.campaign(id));
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public List<Campaign> campaigns(int limit) {
        return Calls.to(NAME, () -> api.campaigns(limit));
    }

    public Campaign cancelCampaign(long id) {
        return Calls.to(NAME, () -> api.cancelCampaign(id));
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public List<SenderApi.Dispatch> dispatches(String contactId, int limit) {
        return Calls.to(NAME, () -> api.dispatches(contactId, limit));
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public List<SenderApi.Day> followupsPerDay(Instant from, Instant to) {
        return Calls.to(NAME, () -> api.followupsPerDay(from, to));
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public List<SenderApi.NudgeStats> nudgeStats(Instant from, Instant to) {
        return Calls.to(NAME, () -> api.nudgeStats(from, to));
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public SenderApi.CostReport costs(String by, Instant from, Instant to) {
        return Calls.to(NAME, () -> api.costs(by, from, to));
    }

    public MessageResult send(MessageRequest request, String idempotencyKey) {
        return Calls.to(NAME, () -> api.send(request, idempotencyKey));
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public List<Decision> decisions(String contactId, int limit) {
        return Calls.to(NAME, () -> api.decisions(contactId, limit));
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public Stats followupStats(Instant from, Instant to) {
        return Calls.to(NAME, () -> api.followupStats(from, to));
    }

    @Retry(maxRetries = 2, delay = 200, retryOn = UpstreamException.Unreachable.class)
    public Consent contact(String contactId) {
        return Calls.to(NAME, () -> api.contact(contactId));
    }
}
