package com.wawindow.sender.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wawindow.events.ContactIds;
import com.wawindow.events.WindowExpired;
import com.wawindow.sender.client.OutboundMessage;
import com.wawindow.sender.client.TwilioSendException;
import com.wawindow.sender.client.WindowTrackerClient;
import com.wawindow.sender.client.WindowTrackerClient.ContactWindow;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.Template;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.TemplateRepository;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One-off messages: free-form only while the window is open (window-tracker says so), templates at any time.
 * A free-form send Twilio still answers with 63016 / 131047 becomes a template follow-up through the rules.
 */
@ApplicationScoped
public class MessageService {

    /** Why a message was not sent. */
    public enum Refusal { UNKNOWN_CONTACT, WINDOW_CLOSED, OPTED_OUT, TEMPLATE_NOT_APPROVED }

    /** The answer to a send: the dispatch, or why there is none. */
    public record Result(Dispatcher.Outcome outcome, Refusal refusal, String detail, boolean followupTriggered) {
        static Result refused(Refusal refusal, String detail) {
            return new Result(null, refusal, detail, false);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    WindowTrackerClient tracker;
    @Inject
    ContactConsentRepository consents;
    @Inject
    TemplateRepository templates;
    @Inject
    Dispatcher dispatcher;
    @Inject
    MessageFactory messages;
    @Inject
    FollowupService followups;

    /** @throws WindowTrackerClient.TrackerUnavailableException when the window state cannot be known */
    @ActivateRequestContext
    public Result sendFreeForm(String contactId, String body, String idempotencyKey) {
        Optional<ContactWindow> window = tracker.window(contactId);
        if (window.isEmpty()) {
            return Result.refused(Refusal.UNKNOWN_CONTACT, "window-tracker knows no contact " + contactId);
        }
        if (window.get().optedOut() || consents.isOptedOut(contactId)) {
            return Result.refused(Refusal.OPTED_OUT, "the contact opted out");
        }
        if (!window.get().open()) {
            return Result.refused(Refusal.WINDOW_CLOSED, "the customer service window closed at " + window.get().expiresAt()
                    + "; only an approved template reaches the contact now");
        }
        OutboundMessage message = messages.freeForm(address(contactId, window), null, body);
        Dispatcher.Outcome outcome = dispatcher.dispatch(claim(contactId, idempotencyKey, message));
        if (outcome instanceof Dispatcher.Outcome.Rejected rejected
                && rejected.kind() == TwilioSendException.Kind.OUTSIDE_WINDOW) {
            Log.infof("free-form message to %s came back %s: following up with a template through the rules",
                    ContactIds.mask(contactId), rejected.errorCode());
            followups.onWindowExpired(closedWindow(window.get()));
            return new Result(outcome, Refusal.WINDOW_CLOSED, "Twilio answered " + rejected.errorCode()
                    + " (outside the window); a template follow-up went through the rules", true);
        }
        return new Result(outcome, null, null, false);
    }

    /** Twilio said (in a status callback) that the window is closed: follow up through the rules, if the tracker answers. */
    @ActivateRequestContext
    public void followUpOutsideWindow(String contactId) {
        try {
            tracker.window(contactId).ifPresent(window -> followups.onWindowExpired(closedWindow(window)));
        } catch (WindowTrackerClient.TrackerUnavailableException e) {
            // the tracker's own window-expired event brings the follow-up when it sees the window close
            Log.warnf("no template follow-up after 63016 for %s yet: %s", ContactIds.mask(contactId), e.getMessage());
        }
    }

    @ActivateRequestContext
    public Result sendTemplate(String contactId, Template template, Map<String, String> variables, String idempotencyKey) {
        if (!template.approved()) {
            return Result.refused(Refusal.TEMPLATE_NOT_APPROVED, "template " + template.contentSid + " is " + template.approvalStatus);
        }
        Optional<ContactWindow> window = knownWindow(contactId);
        if (window.map(ContactWindow::optedOut).orElse(false) || consents.isOptedOut(contactId)) {
            return Result.refused(Refusal.OPTED_OUT, "the contact opted out");
        }
        String json;
        try {
            json = JSON.writeValueAsString(variables == null ? Map.of() : variables);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("content variables must be a map of strings", e);
        }
        OutboundMessage message = messages.template(address(contactId, window), null, template.contentSid, json);
        return new Result(dispatcher.dispatch(claim(contactId, idempotencyKey, message)), null, null, false);
    }

    private Optional<ContactWindow> knownWindow(String contactId) {
        try {
            return tracker.window(contactId);
        } catch (WindowTrackerClient.TrackerUnavailableException e) {
            // a template may go at any time: without the tracker the address is derived from the contact id
            return Optional.empty();
        }
    }

    private static String address(String contactId, Optional<ContactWindow> window) {
        return window.map(ContactWindow::contactAddress).filter(a -> !a.isBlank())
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
    private static WindowExpired closedWindow(ContactWindow window) {
        Instant lastMessageAt = window.lastMessageAt() == null ? Instant.EPOCH : window.lastMessageAt();
        UUID eventId = UUID.nameUUIDFromBytes(("outside-window\u001f" + window.contactId() + "\u001f" + lastMessageAt)
                .getBytes(StandardCharsets.UTF_8));
        return new WindowExpired(eventId, WindowExpired.CURRENT_VERSION, window.contactId(), window.contactAddress(), null,
                window.profileName(), lastMessageAt, Instant.now(), null,
                window.optedOut(), false);
    }
}
