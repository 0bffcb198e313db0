package com.wawindow.sender.client;

import com.twilio.base.ResourceSet;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.type.PhoneNumber;
import com.wawindow.sender.entity.OutboundMessage;
import com.wawindow.support.failure.Causes;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Twilio's Create Message and List Messages through the official SDK, one HTTP request per call (no retry here):
 * Create Message has no idempotency key, so whether and when to try again is decided by the caller, which records
 * every attempt and reconciles one whose outcome is unknown ({@code service/Dispatcher}). Each create takes a token
 * of the rate limiter.
 */
@ApplicationScoped
public class TwilioMessages {

    /** What Twilio answered: the message sid and its first status (queued, accepted, ...). */
    public record Accepted(String messageSid, String status) {
    }

    /** An outbound message as List Messages shows it. */
    public record Listed(String sid, String to, String from, String body, Instant dateCreated, String status) {
    }

    /** Pages read at most per lookup: a lookup spans one recipient and sender since one day, a handful of messages. */
    private static final int MAX_PAGES = 20;

    /** After a 429, how long no instance sends from that sender. */
    static final Duration RATE_LIMITED_PAUSE = Duration.ofSeconds(1);

    /** Slots passed in a row on the way to the wire before a send gives up for now (as not created). */
    static final int MAX_SLOTS_PASSED = 5;

    private final SendRateLimiter rateLimiter;
    private final TwilioRestClient client;

    public TwilioMessages(TwilioConnection connection, SendRateLimiter rateLimiter) {
        this.rateLimiter = rateLimiter;
        this.client = connection.client().orElse(null);
    }

    /** No credentials: nothing may reach Twilio, dispatches are recorded as dry runs. */
    public boolean dryRun() {
        return client == null;
    }

    /**
     * One Create Message request.
     * @throws TwilioSendException.Transient not created (429, 20429, 63018, never connected), or maybe created
     *         ({@link TwilioSendException.Transient#maybeCreated()}: read timeout, reset, 5xx)
     * @throws TwilioSendException.Permanent refused (4xx)
     */
    public Accepted send(OutboundMessage message) {
        return send(message, null);
    }

    /**
     * {@link #send(OutboundMessage)}, unless the rate limiter's slot comes after {@code deadline} (null: none).
     * @throws SendDeadlinePassed the slot came too late: nothing was written
     */
    public Accepted send(OutboundMessage message, Instant deadline) {
        requireClient();
        String sender = SendRateLimiter.senderOf(message);
        MessageCreator creator = creator(message);
        for (int passed = 0; ; passed++) {
            if (passed == MAX_SLOTS_PASSED) {
                // a machine this stalled should not send at all for now: nothing was created, the dispatch backs off
                throw new TwilioSendException.Transient(TwilioSendException.Kind.UNAVAILABLE, null,
                        MAX_SLOTS_PASSED + " send slots in a row passed before the request could leave; not sent", null);
            }
            long slot = rateLimiter.acquire(sender);
            if (deadline != null && !Instant.now().isBefore(deadline)) {
                throw new SendDeadlinePassed(deadline);
            }
            try (SendSlotCheck.Held held = SendSlotCheck.hold(slot)) {
                Message created = creator.create(client);
                return new Accepted(created.getSid(), created.getStatus() == null ? null : created.getStatus().toString());
            } catch (TwilioException e) {
                if (Causes.any(e, SendSlotCheck.SlotPassed.class)) {
                    // nothing was written: a later slot, not a retry of a maybe-created message
                    rateLimiter.missed(sender);
                    continue;
                }
                throw classified(sender, e);
            }
        }
    }

    private TwilioSendException classified(String sender, TwilioException e) {
        TwilioSendException classified = TwilioErrors.classify(e);
        if (classified.kind() == TwilioSendException.Kind.RATE_LIMITED) {
            // every instance holds this sender's sends, instead of each retrying into the same limit
            rateLimiter.pause(sender, RATE_LIMITED_PAUSE);
        }
        return classified;
    }

    /**
     * The outbound messages from {@code from} to {@code to} created at or after {@code since}: List Messages with To,
     * From and DateSent from {@code since}'s day (the filter is day-granular), every page, then filtered on
     * {@code date_created} here. Inbound messages are left out.
     * @throws TwilioSendException when the list cannot be read (the caller must not take that as "absent")
     */
    public List<Listed> createdSince(String to, String from, Instant since) {
        requireClient();
        MessageReader reader = Message.reader().setTo(new PhoneNumber(to))
                .setDateSentAfter(since.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS))
                .setPageSize(100L);
        if (from != null) {
            reader.setFrom(new PhoneNumber(from));
        }
        List<Listed> found = new ArrayList<>();
        try {
            ResourceSet<Message> pages = reader.read(client);
            int seen = 0;
            for (Message message : pages) {
                if (++seen > MAX_PAGES * 100) {
                    break;
                }
                if (message.getDirection() == Message.Direction.INBOUND || message.getDateCreated() == null) {
                    continue;
                }
                Instant created = message.getDateCreated().toInstant();
                if (!created.isBefore(since)) {
                    found.add(new Listed(message.getSid(), text(message.getTo()), text(message.getFrom()),
                            message.getBody(), created, message.getStatus() == null ? null : message.getStatus().toString()));
                }
            }
        } catch (TwilioException e) {
            throw TwilioErrors.classify(e);
        }
        return found;
    }

    private void requireClient() {
        if (client == null) {
            throw new IllegalStateException("dry run: no Twilio credentials");
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static MessageCreator creator(OutboundMessage message) {
        PhoneNumber to = new PhoneNumber(message.to());
        // the 3-argument creators take the body; a template send has none, so it stays null and is not sent
        MessageCreator creator = message.from() != null
                ? Message.creator(to, new PhoneNumber(message.from()), message.body())
                : Message.creator(to, message.messagingServiceSid(), message.body());
        if (message.from() != null && message.messagingServiceSid() != null) {
            creator.setMessagingServiceSid(message.messagingServiceSid());
        }
        if (message.contentSid() != null) {
            creator.setContentSid(message.contentSid());
            if (message.contentVariables() != null) {
                creator.setContentVariables(message.contentVariables());
            }
        }
        if (message.statusCallback() != null) {
            creator.setStatusCallback(URI.create(message.statusCallback()));
        }
        return creator;
    }
}
