package com.wawindow.ingest.service;

import com.wawindow.events.ContactIds;
import com.wawindow.events.EventIds;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.InboundMessageReceived.Location;
import com.wawindow.events.InboundMessageReceived.Media;
import com.wawindow.events.InboundMessageReceived.Referral;
import com.wawindow.support.problem.ProblemException;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the parameters of Twilio's incoming-WhatsApp-message webhook into {@link InboundMessageReceived}. */
@Singleton
public class InboundMessageMapper {

    private static final Pattern MEDIA = Pattern.compile("Media(Url|ContentType)(\\d{1,3})");
    private static final Pattern COUNT = Pattern.compile("\\d{1,4}");

    private final ConsentKeywords consentKeywords;
    private final Clock clock;

    public InboundMessageMapper(ConsentKeywords consentKeywords, Clock clock) {
        this.consentKeywords = consentKeywords;
        this.clock = clock;
    }

    /** @throws ProblemException {@link IngestProblems#MISSING_PARAMETER} without MessageSid or From */
    public InboundMessageReceived map(FormParameters form) {
        UnmappedParameters params = new UnmappedParameters(form);
        String messageSid = required(params, "MessageSid");
        String from = required(params, "From");
        String waId = params.take("WaId");
        String externalUserId = params.take("ExternalUserId");
        String contactId = ContactIds.fromTwilio(waId, from, externalUserId)
                .orElseThrow(() -> new ProblemException(IngestProblems.MISSING_PARAMETER, "From names nobody"));
        String body = params.take("Body");
        List<Media> media = media(form, params);
        return new InboundMessageReceived(
                EventIds.inboundMessage(messageSid),
                InboundMessageReceived.CURRENT_VERSION,
                clock.instant(),
                contactId,
                messageSid,
                params.take("AccountSid"),
                params.take("MessagingServiceSid"),
                from,
                params.take("To"),
                body,
                params.take("ProfileName"),
                waId,
                externalUserId,
                params.take("MessageType"),
                numMedia(params, media.size()),
                media,
                params.take("ButtonText"),
                params.take("ButtonPayload"),
                params.take("OriginalRepliedMessageSid"),
                location(params),
                referral(params),
                consentKeywords.of(body),
                params.rest());
    }

    static String required(UnmappedParameters params, String name) {
        String value = params.takeNonBlank(name);
        if (value == null) {
            throw new ProblemException(IngestProblems.MISSING_PARAMETER, name + " is missing");
        }
        return value;
    }

    /** {@code MediaUrl{N}} with its {@code MediaContentType{N}}, by N. */
    private static List<Media> media(FormParameters form, UnmappedParameters params) {
        TreeMap<Integer, String[]> byIndex = new TreeMap<>();
        for (FormParameters.Parameter parameter : form.all()) {
            Matcher matcher = MEDIA.matcher(parameter.name());
            if (matcher.matches()) {
                String[] pair = byIndex.computeIfAbsent(Integer.parseInt(matcher.group(2)), i -> new String[2]);
                int slot = matcher.group(1).equals("Url") ? 0 : 1;
                if (pair[slot] == null) {
                    pair[slot] = parameter.value();
                    params.markMapped(parameter.name());
                }
            }
        }
        List<Media> media = new ArrayList<>(byIndex.size());
        byIndex.values().forEach(pair -> media.add(new Media(pair[0], pair[1])));
        return media;
    }

    /** Twilio's NumMedia when it is a count; otherwise it stays in otherParameters and the media found count. */
    private static int numMedia(UnmappedParameters params, int found) {
        String value = params.take("NumMedia");
        if (value == null) {
            return found;
        }
        if (!COUNT.matcher(value).matches()) {
            params.unmark("NumMedia");
            return found;
        }
        return Integer.parseInt(value);
    }

    private static Location location(UnmappedParameters params) {
        String latitude = params.take("Latitude");
        String longitude = params.take("Longitude");
        String address = params.take("Address");
        String label = params.take("Label");
        if (latitude == null && longitude == null && address == null && label == null) {
            return null;
        }
        return new Location(latitude, longitude, address, label);
    }

    private static Referral referral(UnmappedParameters params) {
        Referral referral = new Referral(
                params.take("ReferralCtwaClid"),
                params.take("ReferralSourceId"),
                params.take("ReferralSourceType"),
                params.take("ReferralSourceUrl"),
                params.take("ReferralHeadline"),
                params.take("ReferralBody"),
                params.take("ReferralMediaType"),
                params.take("ReferralMediaUrl"),
                params.take("ReferralImageUrl"),
                params.take("ReferralVideoUrl"),
                params.take("ReferralThumbnailUrl"));
        return referral.equals(new Referral(null, null, null, null, null, null, null, null, null, null, null))
                ? null : referral;
    }
}
