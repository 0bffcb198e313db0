package com.wawindow.ingest.rest;

import com.wawindow.ingest.service.CalledUrl;
import com.wawindow.ingest.service.WebhookIntake;
import com.wawindow.ingest.service.WebhookIntake.WebhookRequest;
import com.wawindow.ingest.service.WebhookKind;
import com.wawindow.support.problem.Problem;
import com.wawindow.support.problem.Problems;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Twilio's webhooks: messages and status callbacks (forms), and Event Streams' sink (JSON). The body is read raw (no {@code @Consumes}, no form binding): the signature needs every
 * parameter exactly as sent, repeated keys included, and a wrong media type must get a problem JSON, not a
 * framework error. Both methods return a {@link Uni}, so they run on the event loop and never block it.
 */
@Path("/webhooks/twilio")
@Tag(name = "Twilio webhooks", description = "Called by Twilio only; every request must carry a valid X-Twilio-Signature")
public class TwilioWebhookResource {

    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String SIGNATURE = "X-Twilio-Signature";
    /** Twilio's header that tells its retries of one webhook apart from other webhooks. */
    private static final String RETRY_HEADER = "I-Twilio-Idempotency-Token";
    private static final String SIGNATURE_DOC = "Base64 HMAC-SHA1, keyed with the auth token, of the URL Twilio called "
            + "followed by every parameter name and value sorted by name";

    private final WebhookIntake intake;

    public TwilioWebhookResource(WebhookIntake intake) {
        this.intake = intake;
    }

    @POST
    @Path("/whatsapp")
    @Operation(summary = "Incoming WhatsApp message",
            description = "Publishes an InboundMessageReceived event to topic inbound-messages, keyed by contact id, "
                    + "and answers 200 with empty TwiML only after the broker acknowledged it. Parameters the event "
                    + "has no field for are kept in otherParameters.")
    @RequestBody(required = true, content = @Content(mediaType = FORM, schema = @Schema(type = SchemaType.OBJECT,
            requiredProperties = {"MessageSid", "From"},
            additionalProperties = Schema.True.class,
            properties = {
                @SchemaProperty(name = "MessageSid", type = SchemaType.STRING, example = "SM0123456789abcdef0123456789abcdef"),
                @SchemaProperty(name = "AccountSid", type = SchemaType.STRING),
                @SchemaProperty(name = "MessagingServiceSid", type = SchemaType.STRING),
                @SchemaProperty(name = "From", type = SchemaType.STRING, example = "whatsapp:+6281234567890"),
                @SchemaProperty(name = "To", type = SchemaType.STRING, example = "whatsapp:+14155238886"),
                @SchemaProperty(name = "Body", type = SchemaType.STRING),
                @SchemaProperty(name = "ProfileName", type = SchemaType.STRING),
                @SchemaProperty(name = "WaId", type = SchemaType.STRING, example = "6281234567890"),
                @SchemaProperty(name = "ExternalUserId", type = SchemaType.STRING),
                @SchemaProperty(name = "MessageType", type = SchemaType.STRING),
                @SchemaProperty(name = "NumMedia", type = SchemaType.STRING),
                @SchemaProperty(name = "MediaUrl0", type = SchemaType.STRING),
                @SchemaProperty(name = "MediaContentType0", type = SchemaType.STRING),
                @SchemaProperty(name = "ButtonText", type = SchemaType.STRING),
                @SchemaProperty(name = "ButtonPayload", type = SchemaType.STRING),
                @SchemaProperty(name = "OriginalRepliedMessageSid", type = SchemaType.STRING),
                @SchemaProperty(name = "Latitude", type = SchemaType.STRING),
                @SchemaProperty(name = "Longitude", type = SchemaType.STRING),
                @SchemaProperty(name = "Address", type = SchemaType.STRING),
                @SchemaProperty(name = "Label", type = SchemaType.STRING),
                @SchemaProperty(name = "ReferralCtwaClid", type = SchemaType.STRING),
                @SchemaProperty(name = "ReferralSourceId", type = SchemaType.STRING),
                @SchemaProperty(name = "ReferralSourceType", type = SchemaType.STRING),
                @SchemaProperty(name = "ReferralSourceUrl", type = SchemaType.STRING),
                @SchemaProperty(name = "ReferralHeadline", type = SchemaType.STRING),
                @SchemaProperty(name = "ReferralBody", type = SchemaType.STRING),
                @SchemaProperty(name = "ReferralMediaUrl", type = SchemaType.STRING)})))
    @Parameter(name = SIGNATURE, in = ParameterIn.HEADER, required = true, description = SIGNATURE_DOC)
    @APIResponse(responseCode = "200", description = "Event published", content = @Content(mediaType = "text/xml",
            example = EMPTY_TWIML))
    @APIResponse(responseCode = "400", description = "Malformed form, or MessageSid / From missing", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Missing or invalid X-Twilio-Signature", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body over 64 KiB", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not application/x-www-form-urlencoded", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The broker did not acknowledge in time; retry later",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> inboundMessage(@Context HttpServerRequest request, @Context HttpHeaders headers, byte[] body) {
        return handle(WebhookKind.INBOUND_MESSAGE, request, headers, body);
    }

    @POST
    @Path("/status")
    @Operation(summary = "Message status callback",
            description = "Publishes a MessageStatusChanged event to topic message-status, keyed by the recipient's "
                    + "contact id (To), and answers 200 only after the broker acknowledged it.")
    @RequestBody(required = true, content = @Content(mediaType = FORM, schema = @Schema(type = SchemaType.OBJECT,
            requiredProperties = {"MessageSid", "MessageStatus", "To"},
            additionalProperties = Schema.True.class,
            properties = {
                @SchemaProperty(name = "MessageSid", type = SchemaType.STRING),
                @SchemaProperty(name = "MessageStatus", type = SchemaType.STRING,
                        enumeration = {"queued", "sending", "sent", "delivered", "read", "failed", "undelivered"}),
                @SchemaProperty(name = "ErrorCode", type = SchemaType.STRING),
                @SchemaProperty(name = "ErrorMessage", type = SchemaType.STRING),
                @SchemaProperty(name = "AccountSid", type = SchemaType.STRING),
                @SchemaProperty(name = "MessagingServiceSid", type = SchemaType.STRING),
                @SchemaProperty(name = "From", type = SchemaType.STRING),
                @SchemaProperty(name = "To", type = SchemaType.STRING, example = "whatsapp:+6281234567890"),
                @SchemaProperty(name = "ChannelPrefix", type = SchemaType.STRING),
                @SchemaProperty(name = "ChannelInstallSid", type = SchemaType.STRING),
                @SchemaProperty(name = "ChannelStatusMessage", type = SchemaType.STRING)})))
    @Parameter(name = SIGNATURE, in = ParameterIn.HEADER, required = true, description = SIGNATURE_DOC)
    @APIResponse(responseCode = "200", description = "Event published", content = @Content(mediaType = "text/xml",
            example = EMPTY_TWIML))
    @APIResponse(responseCode = "400", description = "Malformed form, or MessageSid / MessageStatus / To missing", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Missing or invalid X-Twilio-Signature", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body over 64 KiB", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not application/x-www-form-urlencoded", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The broker did not acknowledge in time; retry later",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> messageStatus(@Context HttpServerRequest request, @Context HttpHeaders headers, byte[] body) {
        return handle(WebhookKind.MESSAGE_STATUS, request, headers, body);
    }

    @POST
    @Path("/events")
    @Operation(summary = "Event Streams webhook sink: WhatsApp template approval updates",
            description = "Takes Twilio Event Streams' JSON array of CloudEvents. Each event of type "
                    + "com.twilio.messaging.template.approval.updated (data.type status_update or category_update) is "
                    + "published as a TemplateApprovalChanged to topic template-changes, keyed by the template's "
                    + "Content SID; other event types are taken and ignored. Answers 200 only after the broker "
                    + "acknowledged every change of the batch. The signature covers the URL, whose bodySHA256 is the "
                    + "body's hex SHA-256.")
    @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.ARRAY,
            example = "[{\"specversion\":\"1.0\",\"type\":\"com.twilio.messaging.template.approval.updated\","
                    + "\"id\":\"NO00000000000000000000000000000001\",\"time\":\"2026-12-03T10:00:00Z\","
                    + "\"data\":{\"type\":\"status_update\",\"template\":{\"sid\":"
                    + "\"HX00000000000000000000000000000001\",\"previousValue\":\"approved\",\"currentValue\":\"paused\"}}}]")))
    @Parameter(name = SIGNATURE, in = ParameterIn.HEADER, required = true, description = "Base64 HMAC-SHA1, keyed with "
            + "the auth token, of the URL Twilio called, which ends in bodySHA256=<hex SHA-256 of the body>")
    @APIResponse(responseCode = "200", description = "Every template change of the batch published")
    @APIResponse(responseCode = "400", description = "Not JSON, or a template event without id, data.template.sid or "
            + "data.template.currentValue", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Missing or invalid X-Twilio-Signature, or no bodySHA256 in the URL", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "Body over INGEST_MAX_BODY_BYTES", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "Not application/json", content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The broker did not acknowledge in time; Event Streams delivers again",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problems.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> events(@Context HttpServerRequest request, @Context HttpHeaders headers, byte[] body) {
        WebhookRequest webhook = new WebhookRequest(headers.getHeaderString("Content-Type"), body,
                headers.getHeaderString(SIGNATURE), calledUrl(request, headers), null);
        return intake.acceptEvents(webhook).map(done -> Response.ok().build());
    }

    Uni<Response> handle(WebhookKind kind, HttpServerRequest request, HttpHeaders headers, byte[] body) {
        WebhookRequest webhook = new WebhookRequest(headers.getHeaderString("Content-Type"), body,
                headers.getHeaderString(SIGNATURE), calledUrl(request, headers), headers.getHeaderString(RETRY_HEADER));
        // a refusal fails the Uni with a ProblemException: the kit's mapper answers it as problem JSON
        return intake.accept(kind, webhook).map(done -> Response.ok(EMPTY_TWIML, "text/xml").build());
    }

    private static CalledUrl calledUrl(HttpServerRequest request, HttpHeaders headers) {
        return new CalledUrl(request.scheme(), headers.getHeaderString("Host"),
                headers.getHeaderString("X-Forwarded-Proto"), headers.getHeaderString("X-Forwarded-Host"),
                headers.getHeaderString("X-Forwarded-Port"), request.uri());
    }
}
