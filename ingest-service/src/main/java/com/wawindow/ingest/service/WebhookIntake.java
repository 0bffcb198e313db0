package com.wawindow.ingest.service;

import com.wawindow.events.ContactIds;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.MessageStatusChanged;
import com.wawindow.events.TemplateApprovalChanged;
import com.wawindow.ingest.config.IngestConfig;
import com.wawindow.ingest.messaging.EventPublisher;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The checks every webhook goes through, in order: media type (415), size (413), form syntax (400), signature
 * (403), required parameters (400); then the event is published and the webhook succeeds only once the broker
 * acknowledged it within the publish timeout (else 503). Nothing here blocks a thread.
 */
@Singleton
public class WebhookIntake {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String JSON = "application/json";

    private final SignatureVerifier signatureVerifier;
    private final InboundMessageMapper inboundMapper;
    private final MessageStatusMapper statusMapper;
    private final TemplateEventMapper templateEvents;
    private final EventPublisher publisher;
    private final WebhookMetrics metrics;
    private final RecentWebhooks recent;
    private final int maxBodyBytes;
    private final Duration publishTimeout;

    public WebhookIntake(SignatureVerifier signatureVerifier, InboundMessageMapper inboundMapper,
            MessageStatusMapper statusMapper, TemplateEventMapper templateEvents, EventPublisher publisher,
            WebhookMetrics metrics, RecentWebhooks recent, IngestConfig config) {
        this.templateEvents = templateEvents;
        this.signatureVerifier = signatureVerifier;
        this.inboundMapper = inboundMapper;
        this.statusMapper = statusMapper;
        this.publisher = publisher;
        this.metrics = metrics;
        this.recent = recent;
        this.maxBodyBytes = config.maxBodyBytes();
        this.publishTimeout = config.publishTimeout();
    }

    /**
     * A webhook as it arrived.
     *
     * @param idempotencyToken {@code I-Twilio-Idempotency-Token}, which Twilio adds to tell retries apart; null when absent
     */
    public record WebhookRequest(String contentType, byte[] body, String signature, CalledUrl calledUrl,
            String idempotencyToken) {
    }

    /**
     * Completes when the event is on the broker; fails otherwise with a {@link ProblemException} of
     * {@link IngestProblems#WEBHOOK_REFUSALS}, which the kit's mapper answers as problem JSON.
     */
    public Uni<Void> accept(WebhookKind kind, WebhookRequest request) {
        try {
            FormParameters form = checkedForm(request);
            signatureVerifier.verify(request.calledUrl(), form, request.signature());
            String token = request.idempotencyToken() == null || request.idempotencyToken().isBlank() ? null
                    : request.idempotencyToken().trim();
            return kind == WebhookKind.INBOUND_MESSAGE ? inbound(form, token) : status(form, token);
        } catch (ProblemException rejection) {
            metrics.rejected(kind, rejection.type());
            Log.debugf("%s webhook refused: %s (%s)", kind.tag(), rejection.type().slug(), rejection.problem().getDetail());
            return Uni.createFrom().failure(rejection);
        }
    }

    /**
     * Event Streams' webhook: media type (415), size (413), signature over URL and body (403), JSON (400), each
     * template event's required fields (400); then every template change of the batch is published, and the webhook
     * succeeds once the broker acknowledged all of them (else 503, and Event Streams delivers the batch again: each
     * change has its CloudEvent's id, so a redelivery is the same event).
     */
    public Uni<Void> acceptEvents(WebhookRequest request) {
        WebhookKind kind = WebhookKind.EVENT_STREAMS;
        try {
            byte[] body = checkedBody(request, JSON, "Event Streams webhooks are " + JSON);
            signatureVerifier.verifyJson(request.calledUrl(), body, request.signature());
            TemplateEventMapper.Mapped mapped = templateEvents.map(body);
            metrics.ignoredEvents(mapped.ignored());
            List<Uni<Void>> publications = new ArrayList<>();
            for (TemplateApprovalChanged change : mapped.changes()) {
                publications.add(published(kind, () -> publisher.publish(change), "template:" + change.cloudEventId(),
                        null, change.templateSid()));
            }
            return publications.isEmpty() ? Uni.createFrom().voidItem()
                    : Uni.join().all(publications).andFailFast().replaceWithVoid();
        } catch (ProblemException rejection) {
            metrics.rejected(kind, rejection.type());
            Log.debugf("%s webhook refused: %s (%s)", kind.tag(), rejection.type().slug(), rejection.problem().getDetail());
            return Uni.createFrom().failure(rejection);
        }
    }

    private FormParameters checkedForm(WebhookRequest request) {
        return FormParameters.parse(checkedBody(request, FORM, "Twilio webhooks are " + FORM));
    }

    private byte[] checkedBody(WebhookRequest request, String mediaType, String expected) {
        if (!isA(mediaType, request.contentType())) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    expected + ", not " + describe(request.contentType()));
        }
        byte[] body = request.body() == null ? new byte[0] : request.body();
        if (body.length > maxBodyBytes) {
            throw new ProblemException(ProblemType.PAYLOAD_TOO_LARGE,
                    "the body has " + body.length + " bytes, at most " + maxBodyBytes + " are accepted");
        }
        return body;
    }

    private Uni<Void> inbound(FormParameters form, String token) {
        InboundMessageReceived event = inboundMapper.map(form);
        return published(WebhookKind.INBOUND_MESSAGE, () -> publisher.publish(event), "inbound:" + event.messageSid(),
                token, event.contactId());
    }

    private Uni<Void> status(FormParameters form, String token) {
        MessageStatusChanged event = statusMapper.map(form);
        return published(WebhookKind.MESSAGE_STATUS, () -> publisher.publish(event),
                "status:" + event.messageSid() + ":" + event.status(), token, event.contactId());
    }

    /**
     * Publishes the event, or joins the publication of an earlier attempt of the same webhook (a Twilio retry), so
     * a retry never puts a second record with another {@code receivedAt} on the topic.
     */
    private Uni<Void> published(WebhookKind kind, Supplier<Uni<Void>> publish, String dedupeKey, String token,
            String contactId) {
        return Uni.createFrom().item(System::nanoTime)
                .flatMap(start -> {
                    RecentWebhooks.Joined joined = recent.join(dedupeKey, token, publish);
                    return joined.acknowledged()
                            .ifNoItem().after(publishTimeout).failWith(() -> IngestProblems.brokerUnavailable(
                                    "the broker did not acknowledge the event within " + publishTimeout.toMillis() + " ms"))
                            .invoke(() -> {
                                metrics.publishLatency(kind, System.nanoTime() - start);
                                metrics.accepted(kind, joined.retry());
                                Log.debugf("%s webhook for %s published", kind.tag(), ContactIds.mask(contactId));
                            });
                })
                .onFailure(failure -> !(failure instanceof ProblemException)).transform(failure -> IngestProblems
                        .brokerUnavailable("the broker refused the event: " + failure.getClass().getSimpleName()))
                .onFailure().invoke(failure -> {
                    metrics.rejected(kind, IngestProblems.BROKER_UNAVAILABLE);
                    Log.warnf("%s webhook for %s not published: %s", kind.tag(), ContactIds.mask(contactId),
                            ((ProblemException) failure).problem().getDetail());
                });
    }

    private static boolean isA(String expected, String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.toLowerCase(Locale.ROOT).equals(expected);
    }

    private static String describe(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return "a body without Content-Type";
        }
        return contentType.length() > 80 ? contentType.substring(0, 80) + "..." : contentType;
    }
}
