package com.wawindow.sender.rest;

import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.repository.FollowupRuleRepository;
import com.wawindow.sender.service.ContentVariables;
import com.wawindow.sender.service.QuietHours;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/**
 * Follow-up rules. The rule named {@code default} is rewritten from FOLLOWUP_* at every start; change it
 * through the environment, or add rules here.
 */
@Path("/rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RuleResource {

    public record RuleView(long id, String name, String contentSid, String contentVariables, long delaySeconds,
            int maxPerWindow, boolean stopOnReply, String quietHours, boolean enabled, Instant updatedAt) {

        static RuleView of(FollowupRule r) {
            return new RuleView(r.id, r.name, r.contentSid, r.contentVariables, r.delaySeconds, r.maxPerWindow,
                    r.stopOnReply, r.quietHours, r.enabled, r.updatedAt);
        }
    }

    /**
     * @param delaySeconds  after the window closed; 0 = at once
     * @param maxPerWindow  follow-ups per closed window, across rules (default 1)
     * @param quietHours    {@code HH:mm-HH:mm} in the contact's local time, or null
     */
    public record RuleRequest(
            @NotBlank String name,
            @NotNull @Pattern(regexp = "HX[0-9a-fA-F]{32}", message = "must be a Content SID, HX and 32 hex digits") String contentSid,
            String contentVariables,
            @Min(0) Long delaySeconds,
            @Min(1) Integer maxPerWindow,
            Boolean stopOnReply,
            String quietHours,
            Boolean enabled) {
    }

    @Inject
    FollowupRuleRepository rules;

    @GET
    public List<RuleView> list() {
        return rules.allInOrder().stream().map(RuleView::of).toList();
    }

    @GET
    @Path("/{id}")
    public RuleView get(@PathParam("id") long id) {
        return RuleView.of(find(id));
    }

    @POST
    @Transactional
    public Response create(@Valid @NotNull RuleRequest request) {
        if (rules.findByName(request.name()).isPresent()) {
            throw Problem.exception("rule-exists", "Rule exists", Response.Status.CONFLICT,
                    "a rule named '" + request.name() + "' exists; PUT /rules/{id} changes it");
        }
        FollowupRule rule = new FollowupRule();
        apply(rule, request);
        rules.persist(rule);
        return Response.status(Response.Status.CREATED).entity(RuleView.of(rule)).build();
    }

    @PUT
    @Path("/{id}")
    @Transactional
    public RuleView update(@PathParam("id") long id, @Valid @NotNull RuleRequest request) {
        FollowupRule existing = find(id);
        if (!existing.name.equals(request.name()) && rules.findByName(request.name()).isPresent()) {
            throw Problem.exception("rule-exists", "Rule exists", Response.Status.CONFLICT,
                    "a rule named '" + request.name() + "' exists");
        }
        FollowupRule changed = new FollowupRule();
        apply(changed, request);
        rules.update("name = ?1, contentSid = ?2, contentVariables = ?3, delaySeconds = ?4, maxPerWindow = ?5, "
                        + "stopOnReply = ?6, quietHours = ?7, enabled = ?8, updatedAt = ?9 where id = ?10",
                changed.name, changed.contentSid, changed.contentVariables, changed.delaySeconds, changed.maxPerWindow,
                changed.stopOnReply, changed.quietHours, changed.enabled, changed.updatedAt, id);
        rules.getEntityManager().clear();
        return RuleView.of(find(id));
    }

    private static void apply(FollowupRule rule, RuleRequest request) {
        String variables = request.contentVariables() == null ? "{}" : request.contentVariables();
        ContentVariables.validate(variables);
        QuietHours.parse(request.quietHours());
        rule.name = request.name();
        rule.contentSid = request.contentSid();
        rule.contentVariables = variables;
        rule.delaySeconds = request.delaySeconds() == null ? 0 : request.delaySeconds();
        rule.maxPerWindow = request.maxPerWindow() == null ? 1 : request.maxPerWindow();
        rule.stopOnReply = request.stopOnReply() == null || request.stopOnReply();
        rule.quietHours = request.quietHours() == null || request.quietHours().isBlank() ? null : request.quietHours().trim();
        rule.enabled = request.enabled() == null || request.enabled();
        rule.updatedAt = Instant.now();
    }

    private FollowupRule find(long id) {
        return rules.findByIdOptional(id).orElseThrow(() -> Problem.notFound("rule " + id));
    }
}
