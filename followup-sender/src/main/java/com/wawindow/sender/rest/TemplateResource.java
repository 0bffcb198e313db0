package com.wawindow.sender.rest;

import com.wawindow.sender.client.TwilioSendException;
import com.wawindow.sender.entity.Template;
import com.wawindow.sender.entity.TemplateStatusChange;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.TemplateRepository;
import com.wawindow.sender.repository.TemplateStatusChangeRepository;
import com.wawindow.sender.service.TemplateService;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The template registry: what may be sent, synced from Twilio's Content API or registered by hand. */
@Path("/templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {

    /** A template and, on the single view, its approval history. */
    public record TemplateView(long id, String contentSid, String friendlyName, String language, String category,
            String approvalStatus, String rejectionReason, String variables, Template.Source source, Instant updatedAt,
            List<StatusChangeView> statusChanges) {

        static TemplateView of(Template t, List<StatusChangeView> history) {
            return new TemplateView(t.id, t.contentSid, t.friendlyName, t.language, t.category, t.approvalStatus,
                    t.rejectionReason, t.variables, t.source, t.updatedAt, history);
        }
    }

    public record StatusChangeView(String oldStatus, String newStatus, String reason, Instant changedAt) {
        static StatusChangeView of(TemplateStatusChange c) {
            return new StatusChangeView(c.oldStatus, c.newStatus, c.reason, c.changedAt);
        }
    }

    /** A template registered by hand (e.g. before the first sync); a later sync overwrites what Twilio knows. */
    public record TemplateRequest(
            @NotNull @Pattern(regexp = "HX[0-9a-fA-F]{32}", message = "must be a Content SID, HX and 32 hex digits") String contentSid,
            @NotBlank String friendlyName,
            String language,
            @Pattern(regexp = "(?i)UTILITY|MARKETING|AUTHENTICATION", message = "must be UTILITY, MARKETING or AUTHENTICATION") String category,
            @NotNull @Pattern(regexp = "(?i)approved|pending|received|rejected|paused|disabled|unsubmitted",
                    message = "must be approved, pending, received, rejected, paused, disabled or unsubmitted") String approvalStatus,
            String rejectionReason,
            String variables) {
    }

    @Inject
    TemplateRepository templates;
    @Inject
    TemplateStatusChangeRepository statusChanges;
    @Inject
    TemplateService sync;
    @Inject
    DispatchRepository dispatches;

    @GET
    public List<TemplateView> list() {
        return templates.listAllByName().stream().map(t -> TemplateView.of(t, null)).toList();
    }

    @GET
    @Path("/{id}")
    public TemplateView get(@PathParam("id") long id) {
        Template template = find(id);
        return TemplateView.of(template, statusChanges.forTemplate(id).stream().map(StatusChangeView::of).toList());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response register(@Valid @NotNull TemplateRequest request) {
        Template template = new Template();
        template.contentSid = request.contentSid();
        template.friendlyName = request.friendlyName();
        template.language = request.language();
        template.category = request.category() == null ? null : request.category().toUpperCase(Locale.ROOT);
        template.approvalStatus = request.approvalStatus().toLowerCase(Locale.ROOT);
        template.rejectionReason = request.rejectionReason();
        template.variables = request.variables();
        template.source = Template.Source.API;
        templates.upsert(template);
        Template saved = templates.findBySid(request.contentSid()).orElseThrow();
        return Response.status(Response.Status.CREATED).entity(TemplateView.of(saved, null)).build();
    }

    /** Syncs now from {@code GET /v1/ContentAndApprovals}; 502 problem JSON when Twilio cannot be asked. */
    @POST
    @Path("/sync")
    public TemplateService.SyncResult syncNow() {
        try {
            return sync.sync();
        } catch (IllegalStateException e) {
            throw Problem.exception("dry-run", "No Twilio credentials", Response.Status.CONFLICT, e.getMessage());
        } catch (TwilioSendException e) {
            throw Problem.exception("content-api-unavailable", "Content API sync failed", Response.Status.BAD_GATEWAY,
                    "Twilio answered " + e.errorCode() + ": " + e.getMessage());
        }
    }

    /** What became of this template's messages over [from, to). */
    @GET
    @Path("/{id}/stats")
    public StatsView stats(@PathParam("id") long id, @QueryParam("from") String from, @QueryParam("to") String to) {
        Template template = find(id);
        TimeRange range = TimeRange.parse(from, to);
        return StatsView.of(range.from(), range.to(), dispatches.counts(range.from(), range.to(), template.contentSid, null));
    }

    private Template find(long id) {
        return templates.findByIdOptional(id).orElseThrow(() -> Problem.notFound("template " + id));
    }
}
