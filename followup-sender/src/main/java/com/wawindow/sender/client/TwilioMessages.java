package com.wawindow.sender.client;

import com.wawindow.sender.entity.OutboundMessage;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.api.v2010.account.MessageReader;
import com.twilio.type.PhoneNumber;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import org.eclipse.microprofile.faulttolerance.Retry;

/**
 * Twilio's Create Message through the official SDK, at most {@code FOLLOWUP_MAX_MPS} per second. Rate limits,
 * 5xx and timeouts are retried with exponential backoff and jitter (each attempt takes a token); anything
 * else fails at once. The annotations hold the production limits; a profile overrides them as
 * {@code com.wawindow.sender.client.TwilioMessages/send/Retry/...} (the test profile does, in application.properties).
 */
@ApplicationScoped
public class TwilioMessages {

    /** What Twilio answered: the message sid and its first status (queued, accepted, ...). */
    public record Accepted(String messageSid, String status) {
    }

    /** After a 429, how long no instance sends from that sender. */
    static final Duration RATE_LIMITED_PAUSE = Duration.ofSeconds(1);

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

    @Retry(retryOn = TwilioSendException.Transient.class, abortOn = TwilioSendException.Permanent.class,
            maxRetries = 5, delay = 500, jitter = 200)
    @ExponentialBackoff(factor = 2, maxDelay = 30_000)
    public Accepted send(OutboundMessage message) {
        if (client == null) {
            throw new IllegalStateException("dry run: no Twilio credentials");
        }
        String sender = SendRateLimiter.senderOf(message);
        rateLimiter.acquire(sender);
        try {
            Message created = creator(message).create(client);
            return new Accepted(created.getSid(), created.getStatus() == null ? null : created.getStatus().toString());
        } catch (TwilioException e) {
            TwilioSendException classified = TwilioErrors.classify(e);
            if (classified.kind() == TwilioSendException.Kind.RATE_LIMITED) {
                // every instance holds this sender's sends, instead of each retrying into the same limit
                rateLimiter.pause(sender, RATE_LIMITED_PAUSE);
            }
            throw classified;
        }
    }

    /**
     * The message Twilio created for this recipient since {@code since}, if any: after a crash between claiming
     * a dispatch and recording Twilio's answer, this tells whether the call went through. Matches on To and
     * (when set) From, newest first; Twilio's list does not show the ContentSid.
     */
    @Retry(retryOn = TwilioSendException.Transient.class, abortOn = TwilioSendException.Permanent.class,
            maxRetries = 3, delay = 500, jitter = 200)
    public Optional<Accepted> findCreatedSince(OutboundMessage message, Instant since) {
        if (client == null) {
            throw new IllegalStateException("dry run: no Twilio credentials");
        }
        MessageReader reader = Message.reader().setTo(new PhoneNumber(message.to())).setPageSize(20L);
        if (message.from() != null) {
            reader.setFrom(new PhoneNumber(message.from()));
        }
        try {
            return reader.firstPage(client).getRecords().stream()
                    .filter(created -> created.getDirection() != Message.Direction.INBOUND)
                    .filter(created -> created.getDateCreated() != null && !created.getDateCreated().toInstant().isBefore(since))
                    .findFirst()
                    .map(created -> new Accepted(created.getSid(),
                            created.getStatus() == null ? null : created.getStatus().toString()));
        } catch (TwilioException e) {
            throw TwilioErrors.classify(e);
        }
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
