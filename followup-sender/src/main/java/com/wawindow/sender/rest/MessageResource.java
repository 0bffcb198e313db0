package com.wawindow.sender.rest;

import com.wawindow.sender.client.TwilioSendException;
import com.wawindow.sender.client.WindowTrackerClient;
import com.wawindow.sender.entity.Template;
import com.wawindow.sender.repository.TemplateRepository;
import com.wawindow.sender.service.Dispatcher;
import com.wawindow.sender.service.MessageService;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code POST /messages}: a free-form {@code body} only while the contact's window is open (409 "window closed:
 * send a template" otherwise, and nothing is sent), or a template ({@code templateId} or {@code contentSid}) at
 * any time. {@code Idempotency-Key} makes a retried request send once.
 */
@Path("/messages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MessageResource {

    public record MessageRequest(@NotBlank String contactId, @Size(max = 4096) String body, Long templateId,
            String contentSid, Map<String, String> contentVariables) {
    }

    /** What happened: {@code status} is SENT, DRY_RUN or DUPLICATE (the idempotency key was used before). */
    public record MessageResponse(String status, Long dispatchId, String messageSid) {
    }

    @Inject
    MessageService messages;
    @Inject
    TemplateRepository templates;

    @POST
    public Response send(@Valid @NotNull MessageRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        boolean template = request.templateId() != null || request.contentSid() != null;
        boolean freeForm = request.body() != null && !request.body().isBlank();
        if (template == freeForm) {
            throw Problem.invalid("send either a body (free-form) or a templateId / contentSid, not both or neither");
        }
        MessageService.Result result;
        try {
            result = template
                    ? messages.sendTemplate(request.contactId(), template(request), request.contentVariables(), idempotencyKey)
                    : messages.sendFreeForm(request.contactId(), request.body(), idempotencyKey);
        } catch (WindowTrackerClient.TrackerUnavailableException e) {
            throw Problem.exception("window-state-unknown", "Window state unknown", Response.Status.SERVICE_UNAVAILABLE,
                    e.getMessage() + "; nothing was sent");
        } catch (TwilioSendException.Transient e) {
            throw Problem.exception("twilio-unavailable", "Twilio unavailable", Response.Status.SERVICE_UNAVAILABLE,
                    "Twilio answered " + e.errorCode() + " after retries: " + e.getMessage());
        }
        if (result.refusal() != null) {
            throw refusal(result);
        }
        return accepted(result.outcome());
    }

    private Template template(MessageRequest request) {
        return (request.templateId() != null ? templates.findByIdOptional(request.templateId())
                : templates.findBySid(request.contentSid()))
                .orElseThrow(() -> Problem.notFound("template " + (request.templateId() != null ? request.templateId()
                        : request.contentSid())));
    }

    private static RuntimeException refusal(MessageService.Result result) {
        return switch (result.refusal()) {
            case WINDOW_CLOSED -> Problem.exception("window-closed", "window closed: send a template",
                    Response.Status.CONFLICT, result.detail());
            case OPTED_OUT -> Problem.exception("opted-out", "Contact opted out", Response.Status.CONFLICT, result.detail());
            case TEMPLATE_NOT_APPROVED -> Problem.exception("template-not-approved", "Template not approved",
                    Response.Status.CONFLICT, result.detail());
            case UNKNOWN_CONTACT -> Problem.exception("unknown-contact", "Unknown contact", Response.Status.NOT_FOUND,
                    result.detail());
        };
    }

    private static Response accepted(Dispatcher.Outcome outcome) {
        if (outcome instanceof Dispatcher.Outcome.Sent sent) {
            return Response.status(Response.Status.ACCEPTED)
                    .entity(new MessageResponse("SENT", sent.dispatchId(), sent.messageSid())).build();
        }
        if (outcome instanceof Dispatcher.Outcome.DryRun dryRun) {
            return Response.status(Response.Status.ACCEPTED)
                    .entity(new MessageResponse("DRY_RUN", dryRun.dispatchId(), null)).build();
        }
        if (outcome instanceof Dispatcher.Outcome.Rejected rejected) {
            throw Problem.exception("twilio-rejected", "Twilio refused the message", Response.Status.BAD_GATEWAY,
                    "Twilio error " + rejected.errorCode() + ": " + rejected.message());
        }
        return Response.ok(new MessageResponse("DUPLICATE", null, null)).build();
    }
}
