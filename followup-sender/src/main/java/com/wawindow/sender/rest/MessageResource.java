package com.wawindow.sender.rest;

import com.wawindow.sender.service.DispatchResult;
import com.wawindow.sender.service.MessageService;
import com.wawindow.sender.service.MessageService.MessageOrder;
import com.wawindow.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
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

    private final MessageService messages;

    public MessageResource(MessageService messages) {
        this.messages = messages;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response send(@Valid @NotNull MessageRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        DispatchResult result = messages.send(new MessageOrder(request.contactId(), request.body(), request.templateId(),
                request.contentSid(), request.contentVariables(), idempotencyKey));
        if (result instanceof DispatchResult.Sent sent) {
            return Response.status(Response.Status.ACCEPTED)
                    .entity(new MessageResponse("SENT", sent.dispatchId(), sent.messageSid())).build();
        }
        if (result instanceof DispatchResult.DryRun dryRun) {
            return Response.status(Response.Status.ACCEPTED)
                    .entity(new MessageResponse("DRY_RUN", dryRun.dispatchId(), null)).build();
        }
        if (result instanceof DispatchResult.Pending pending) {
            // an attempt's outcome is unknown and Twilio's list could not tell yet: recovery settles it, never twice
            return Response.status(Response.Status.ACCEPTED)
                    .entity(new MessageResponse("PENDING", pending.dispatchId(), null)).build();
        }
        if (result instanceof DispatchResult.Undecided undecided) {
            return Response.status(Response.Status.ACCEPTED)
                    .entity(new MessageResponse("OUTCOME_UNKNOWN", undecided.dispatchId(), null)).build();
        }
        if (result instanceof DispatchResult.Cancelled cancelled) {
            return Response.ok(new MessageResponse("CANCELLED", cancelled.dispatchId(), null)).build();
        }
        return Response.ok(new MessageResponse("DUPLICATE", null, null)).build();
    }
}
