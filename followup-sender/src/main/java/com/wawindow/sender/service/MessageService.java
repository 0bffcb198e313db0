package com.wawindow.sender.service;

import com.wawindow.sender.entity.Priced;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wawindow.events.ContactIds;
import com.wawindow.events.WindowExpired;
import com.wawindow.sender.entity.OutboundMessage;
import com.wawindow.sender.client.TwilioSendException;
import com.wawindow.sender.client.WindowTrackerApi.ContactWindow;
import com.wawindow.sender.client.WindowTrackerClient;
import com.wawindow.sender.client.WindowTrackerClient.TrackerUnavailableException;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.Template;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One-off messages: free-form only while the window is open (window-tracker says so), templates at any time.
 * A free-form send Twilio still answers with 63016 / 131047 becomes a template follow-up through the rules.
 * Refusals are problem JSON ({@link SenderProblems}); nothing is sent on a refused request.
 */
@ApplicationScoped
public class MessageService {

    /** A one-off message: a free-form {@code body}, or a template by {@code templateId} or {@code contentSid}. */
    public record MessageOrder(String contactId, String body, Long templateId, String contentSid,
            Map<String, String> contentVariables, String idempotencyKey) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WindowTrackerClient tracker;
    private final ContactService contacts;
    private final TemplateService templates;
    private final Dispatcher dispatcher;
    private final MessageFactory messages;
    private final FollowupService followups;
    private final Pricing pricing;
    private final Clock clock;

    public MessageService(WindowTrackerClient tracker, ContactService contacts, TemplateService templates,
            Dispatcher dispatcher, MessageFactory messages, FollowupService followups, Pricing pricing, Clock clock) {
        this.pricing = pricing;
        this.tracker = tracker;
        this.contacts = contacts;
        this.templates = templates;
        this.dispatcher = dispatcher;
        this.messages = messages;
        this.followups = followups;
        this.clock = clock;
    }

    /** @return SENT, DRY_RUN or DUPLICATE (the idempotency key was used before) */
    public DispatchResult send(MessageOrder order) {
        boolean template = order.templateId() != null || order.contentSid() != null;
        boolean freeForm = order.body() != null && !order.body().isBlank();
        if (template == freeForm) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "send either a body (free-form) or a templateId / contentSid, not both or neither");
        }
        String contactId = ContactService.checkedContactId(order.contactId());
        try {
            return template ? sendTemplate(contactId, order) : sendFreeForm(contactId, order);
        } catch (TrackerUnavailableException e) {
            throw new ProblemException(SenderProblems.WINDOW_STATE_UNKNOWN, e.getMessage() + "; nothing was sent");
        } catch (TwilioSendException.Transient e) {
            throw new ProblemException(SenderProblems.TWILIO_UNAVAILABLE,
                    "Twilio answered " + e.errorCode() + " after retries: " + e.getMessage());
        }
    }

    private DispatchResult sendFreeForm(String contactId, MessageOrder order) {
        ContactWindow window = tracker.window(contactId).orElseThrow(() -> new ProblemException(
                SenderProblems.CONTACT_NOT_FOUND, "window-tracker knows no contact " + ContactIds.mask(contactId)));
        if (window.optedOut() || contacts.isOptedOut(contactId)) {
            throw new ProblemException(SenderProblems.OPTED_OUT, "the contact opted out");
        }
        if (!window.open()) {
            throw new ProblemException(SenderProblems.WINDOW_CLOSED, "the customer service window closed at "
                    + window.expiresAt() + "; only an approved template reaches the contact now");
        }
        OutboundMessage message = messages.freeForm(address(contactId, Optional.of(window)), null, order.body());
        DispatchResult result = dispatcher.dispatch(claim(contactId, order.idempotencyKey(), message)
                .priced(pricing.price(new PricingRules.Send(contactId, null, true, window.entryPointOpen(), clock.instant()))));
        if (result instanceof DispatchResult.Rejected rejected && rejected.kind() == TwilioSendException.Kind.OUTSIDE_WINDOW) {
            Log.infof("free-form message to %s came back %s: following up with a template through the rules",
                    ContactIds.mask(contactId), rejected.errorCode());
            followups.onWindowExpired(closedWindow(window));
            throw new ProblemException(SenderProblems.WINDOW_CLOSED, "Twilio answered " + rejected.errorCode()
                    + " (outside the window); a template follow-up went through the rules");
        }
        return accepted(result);
    }

    private DispatchResult sendTemplate(String contactId, MessageOrder order) {
        Template template = templates.forSending(order.templateId(), order.contentSid());
        Optional<ContactWindow> window = knownWindow(contactId);
        if (window.map(ContactWindow::optedOut).orElse(false) || contacts.isOptedOut(contactId)) {
            throw new ProblemException(SenderProblems.OPTED_OUT, "the contact opted out");
        }
        String json;
        try {
            json = JSON.writeValueAsString(order.contentVariables() == null ? Map.of() : order.contentVariables());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        OutboundMessage message = messages.template(address(contactId, window), null, template.contentSid, json);
        // without the tracker's answer the window counts as closed: the estimate errs towards billed
        Priced priced = pricing.price(new PricingRules.Send(contactId, PricingRules.categoryOf(template),
                window.map(ContactWindow::open).orElse(false), window.map(ContactWindow::entryPointOpen).orElse(false),
                clock.instant()));
        return accepted(dispatcher.dispatch(claim(contactId, order.idempotencyKey(), message).priced(priced)));
    }

    /** A rejection is Twilio's refusal, answered as such. */
    private static DispatchResult accepted(DispatchResult result) {
        if (result instanceof DispatchResult.Rejected rejected) {
            throw new ProblemException(SenderProblems.TWILIO_REJECTED,
                    "Twilio error " + rejected.errorCode() + ": " + rejected.message());
        }
        return result;
    }

    /** Twilio said (in a status callback) that the window is closed: follow up through the rules, if the tracker answers. */
    public void followUpOutsideWindow(String contactId) {
        try {
            tracker.window(contactId).ifPresent(window -> followups.onWindowExpired(closedWindow(window)));
        } catch (TrackerUnavailableException e) {
            // the tracker's own window-expired event brings the follow-up when it sees the window close
            Log.warnf("no template follow-up after 63016 for %s yet: %s", ContactIds.mask(contactId), e.getMessage());
        }
    }

    private Optional<ContactWindow> knownWindow(String contactId) {
        try {
            return tracker.window(contactId);
        } catch (TrackerUnavailableException e) {
            // a template may go at any time: without the tracker the address is derived from the contact id
            return Optional.empty();
        }
    }

    private static String address(String contactId, Optional<ContactWindow> window) {
        return window.map(ContactWindow::contactAddress).filter(a -> a != null && !a.isBlank())
                .orElseGet(() -> ContactIds.whatsappAddress(contactId));
    }

    private static DispatchRepository.Claim claim(String contactId, String idempotencyKey, OutboundMessage message) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID().toString() : idempotencyKey.trim();
        return new DispatchRepository.Claim("message:" + key, Dispatch.Kind.MESSAGE, null, null, null, contactId, message);
    }

    /**
     * The window Twilio says is closed, as the tracker would announce it (same window key, so no double
     * follow-up), closed now: Twilio's word beats the tracker's clock.
     */
    private WindowExpired closedWindow(ContactWindow window) {
        Instant lastMessageAt = window.lastMessageAt() == null ? Instant.EPOCH : window.lastMessageAt();
        UUID eventId = UUID.nameUUIDFromBytes(("outside-window\u001f" + window.contactId() + "\u001f" + lastMessageAt)
                .getBytes(StandardCharsets.UTF_8));
        return new WindowExpired(eventId, WindowExpired.CURRENT_VERSION, window.contactId(), window.contactAddress(), null,
                window.profileName(), lastMessageAt, clock.instant(), null, window.optedOut(), false);
    }
}
