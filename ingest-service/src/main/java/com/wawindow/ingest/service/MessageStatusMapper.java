package com.wawindow.ingest.service;

import com.wawindow.events.ContactIds;
import com.wawindow.events.EventIds;
import com.wawindow.events.MessageStatusChanged;
import com.wawindow.support.problem.ProblemException;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Turns the parameters of Twilio's status callback into {@link MessageStatusChanged}, keyed by the recipient. */
@Singleton
public class MessageStatusMapper {

    private final Clock clock;

    public MessageStatusMapper(Clock clock) {
        this.clock = clock;
    }

    /** @throws ProblemException {@link IngestProblems#MISSING_PARAMETER} without MessageSid, MessageStatus or To */
    public MessageStatusChanged map(FormParameters form) {
        UnmappedParameters params = new UnmappedParameters(form);
        String messageSid = InboundMessageMapper.required(params, "MessageSid");
        String status = InboundMessageMapper.required(params, "MessageStatus");
        String to = InboundMessageMapper.required(params, "To");
        String contactId = ContactIds.fromTwilio(null, to, null)
                .orElseThrow(() -> new ProblemException(IngestProblems.MISSING_PARAMETER, "To names nobody"));
        return new MessageStatusChanged(
                EventIds.messageStatus(messageSid, status),
                MessageStatusChanged.CURRENT_VERSION,
                clock.instant(),
                contactId,
                messageSid,
                params.take("AccountSid"),
                params.take("MessagingServiceSid"),
                status,
                params.takeNonBlank("ErrorCode"),
                params.takeNonBlank("ErrorMessage"),
                params.take("From"),
                to,
                params.take("ChannelPrefix"),
                params.take("ChannelInstallSid"),
                params.take("ChannelStatusMessage"),
                params.rest());
    }
}
