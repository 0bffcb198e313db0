package com.wawindow.console.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** followup-sender's API as the console uses it (base URL {@code console.sender-url}). */
@RegisterRestClient(configKey = "sender")
@RegisterClientHeaders(ApiKeyHeaders.class)
@RegisterProvider(ProblemResponseMapper.class)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface SenderApi {

    @GET
    @Path("/templates")
    List<Template> templates();

    @GET
    @Path("/templates/{id}/stats")
    Stats templateStats(@PathParam("id") long id, @QueryParam("from") Instant from, @QueryParam("to") Instant to);

    @GET
    @Path("/rules")
    List<Rule> rules();

    @GET
    @Path("/rules/{id}")
    Rule rule(@PathParam("id") long id);

    @POST
    @Path("/rules")
    Rule createRule(RuleRequest request);

    @PUT
    @Path("/rules/{id}")
    Rule updateRule(@PathParam("id") long id, RuleRequest request);

    @POST
    @Path("/campaigns")
    Campaign startCampaign(CampaignRequest request);

    /** What the campaign would reach and cost if started now; nothing is stored or sent. */
    @POST
    @Path("/campaigns/estimate")
    Estimate estimateCampaign(CampaignRequest request);

    @GET
    @Path("/campaigns/{id}")
    Campaign campaign(@PathParam("id") long id);

    @GET
    @Path("/campaigns")
    List<Campaign> campaigns(@QueryParam("limit") int limit);

    @POST
    @Path("/campaigns/{id}/cancel")
    Campaign cancelCampaign(@PathParam("id") long id);

    @GET
    @Path("/dispatches")
    List<Dispatch> dispatches(@QueryParam("contactId") String contactId, @QueryParam("limit") int limit);

    @GET
    @Path("/followups/stats/daily")
    List<Day> followupsPerDay(@QueryParam("from") Instant from, @QueryParam("to") Instant to);

    @GET
    @Path("/followups/stats/nudges")
    List<NudgeStats> nudgeStats(@QueryParam("from") Instant from, @QueryParam("to") Instant to);

    /** @param by template, rule, campaign, day or category */
    @GET
    @Path("/costs")
    CostReport costs(@QueryParam("by") String by, @QueryParam("from") Instant from, @QueryParam("to") Instant to);

    @POST
    @Path("/messages")
    MessageResult send(MessageRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey);

    @GET
    @Path("/followups")
    List<Decision> decisions(@QueryParam("contactId") String contactId, @QueryParam("limit") int limit);

    @GET
    @Path("/followups/stats")
    Stats followupStats(@QueryParam("from") Instant from, @QueryParam("to") Instant to);

    @GET
    @Path("/contacts/{contactId}")
    Consent contact(@PathParam("contactId") String contactId);

    /** @param recategorisedFrom the category Meta moved the template from; null when it never moved */
    record Template(long id, String contentSid, String friendlyName, String language, String category,
            String recategorisedFrom, String approvalStatus, String rejectionReason, String variables, String source,
            Instant updatedAt, Instant lastSyncedAt) {

        public boolean approved() {
            return "approved".equalsIgnoreCase(approvalStatus);
        }
    }

    record Stats(Instant from, Instant to, long total, long sent, long delivered, long read, long failed,
            long repliedAfterFollowup, Double deliveredRate, Double readRate, Double failedRate, Double repliedRate) {
    }

    /**
     * @param kind FOLLOWUP (a template after the window closed) or NUDGE (the free-form {@code body} while the window is
     *             open, on window-expiring-soon); null from a sender that predates nudges
     */
    record Rule(long id, String name, String contentSid, String contentVariables, long delaySeconds, int maxPerWindow,
            boolean stopOnReply, String quietHours, boolean enabled, boolean requireUtility, Instant updatedAt,
            String kind, String body, int holdoutPercent, long quietAfterSendSeconds, boolean preferFree) {

        public static final String FOLLOWUP = "FOLLOWUP";
        public static final String NUDGE = "NUDGE";

        public boolean nudge() {
            return NUDGE.equals(kind);
        }
    }

    /** A null field keeps what the rule has (kind, holdout, quiet after a send, prefer-free). */
    record RuleRequest(String name, String contentSid, String contentVariables, Long delaySeconds, Integer maxPerWindow,
            Boolean stopOnReply, String quietHours, Boolean enabled, Boolean requireUtility, String kind, String body,
            Integer holdoutPercent, Long quietAfterSendSeconds, Boolean preferFree) {
    }

    record Segment(String state, Instant lastMessageAfter, Instant lastMessageBefore) {
    }

    record CampaignRequest(long templateId, Segment segment, String contentVariables) {
    }

    /**
     * A campaign's estimate: the sender's reach (the tracker's count of the segment), billable and free sends and their
     * estimated cost per currency; scaled from the first {@code sampled} contacts when {@code exact} is false.
     * {@code unpriced}: billable sends no pricing row covered (their cost is unknown, not zero).
     */
    record Estimate(long templateId, String contentSid, String category, long reach, long sampled, long billable,
            long free, long unpriced, Map<String, BigDecimal> estimatedCost, boolean exact, Instant estimatedAt) {
    }

    record Campaign(long id, long templateId, String contentSid, String segment, String state, long total, long sent,
            long skipped, long failed, Double progress, Instant createdAt, Instant updatedAt) {
    }

    record MessageRequest(String contactId, String body, Long templateId, Map<String, String> contentVariables) {
    }

    record MessageResult(String status, Long dispatchId, String messageSid) {
    }

    record Decision(long id, String contactId, String windowEventId, Long ruleId, Long campaignId, Long dispatchId,
            String decision, String reason, Instant decidedAt) {
    }

    record Consent(String contactId, boolean optedOut, String zoneId) {
    }

    /** One send and its delivery status. */
    record Dispatch(long id, String kind, Long ruleId, Long campaignId, String contentSid, boolean freeForm,
            String messageSid, String status, String errorCode, String errorMessage, boolean dryRun, Instant createdAt,
            Instant updatedAt) {
    }

    /** Follow-ups created on one UTC day. */
    record Day(java.time.LocalDate day, long total, long sent, long delivered, long read, long failed,
            long repliedAfterFollowup) {
    }

    /** A NUDGE rule's windows: nudged and held out, the share of each a reply kept open (null for an empty arm). */
    record NudgeStats(long ruleId, String ruleName, long nudged, long nudgedReplied, Double nudgedReplyRate,
            long heldOut, long heldOutReplied, Double heldOutReplyRate, Double replyRateLift, long dropped) {
    }

    /** Messages Twilio accepted in one group, the billable ones, and their estimated cost per currency. */
    record CostRow(String key, long messages, long billable, long unpriced, Map<String, BigDecimal> costs) {
    }

    record CostReport(Instant from, Instant to, String by, List<CostRow> rows, CostRow total) {
    }
}
