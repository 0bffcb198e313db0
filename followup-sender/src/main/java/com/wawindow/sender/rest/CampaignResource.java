package com.wawindow.sender.rest;

import com.wawindow.sender.client.WindowTrackerClient.Segment;
import com.wawindow.sender.entity.Campaign;
import com.wawindow.sender.entity.Template;
import com.wawindow.sender.repository.CampaignRepository;
import com.wawindow.sender.repository.TemplateRepository;
import com.wawindow.sender.service.CampaignService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/** Broadcast campaigns: one approved template to a segment of window-tracker's contacts (opted-out excluded). */
@Path("/campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    /** @param state OPEN, CLOSED or EXPIRING_SOON as the tracker filters them; null = any */
    public record SegmentRequest(
            @Pattern(regexp = "(?i)open|closed|expiring-soon", message = "must be open, closed or expiring-soon") String state,
            Instant lastMessageAfter, Instant lastMessageBefore) {
    }

    public record CampaignRequest(@NotNull Long templateId, @Valid SegmentRequest segment, String contentVariables) {
    }

    public record CampaignView(long id, long templateId, String contentSid, String segment, Campaign.State state,
            long total, long sent, long skipped, long failed, Double progress, Instant createdAt, Instant updatedAt) {
    }

    @Inject
    CampaignService campaigns;
    @Inject
    CampaignRepository repository;
    @Inject
    TemplateRepository templates;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@Valid @NotNull CampaignRequest request) {
        Template template = templates.findByIdOptional(request.templateId())
                .orElseThrow(() -> Problem.notFound("template " + request.templateId()));
        SegmentRequest s = request.segment() == null ? new SegmentRequest(null, null, null) : request.segment();
        Campaign campaign = campaigns.start(template,
                new Segment(s.state() == null ? null : s.state().toLowerCase(java.util.Locale.ROOT), s.lastMessageAfter(),
                        s.lastMessageBefore()),
                request.contentVariables() == null ? "{\"1\":\"{profileName}\"}" : request.contentVariables());
        return Response.status(Response.Status.CREATED).entity(view(campaign)).build();
    }

    @GET
    @Path("/{id}")
    public CampaignView get(@PathParam("id") long id) {
        return view(repository.findByIdOptional(id).orElseThrow(() -> Problem.notFound("campaign " + id)));
    }

    private CampaignView view(Campaign c) {
        CampaignRepository.Progress p = repository.progress(c.id);
        long done = p.sent() + p.skipped() + p.failed();
        Double progress = c.state == Campaign.State.COMPLETED ? Double.valueOf(1.0)
                : c.total == 0 ? null : Math.min(1.0, (double) done / c.total);
        return new CampaignView(c.id, c.templateId, c.contentSid, c.segment, c.state, c.total, p.sent(), p.skipped(),
                p.failed(), progress, c.createdAt, c.updatedAt);
    }
}
