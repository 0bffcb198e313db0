package com.wawindow.sender.service;

import com.wawindow.events.ContactIds;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.ContactTimezoneRepository;
import com.wawindow.support.problem.ProblemException;
import com.wawindow.support.problem.ProblemType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.regex.Pattern;

/** What the sender knows about a contact: consent, and the zone its quiet hours are reckoned in (overridable). */
@ApplicationScoped
public class ContactService {

    /** A contact id as {@link ContactIds} makes them: E.164 ({@code +6281234567890}) or a business-scoped user id. */
    private static final Pattern CONTACT_ID = Pattern.compile("\\+[0-9]{6,15}|bsuid:[A-Za-z0-9._:-]{1,128}");

    /** A contact as the API shows it. */
    public record ContactView(String contactId, boolean optedOut, String zoneId) {
    }

    private final ContactConsentRepository consents;
    private final ContactTimezoneRepository timezones;
    private final ContactZones zones;

    public ContactService(ContactConsentRepository consents, ContactTimezoneRepository timezones, ContactZones zones) {
        this.consents = consents;
        this.timezones = timezones;
        this.zones = zones;
    }

    /**
     * The one reading of a contact id given to any endpoint, in a path or a body: every form people and Twilio use
     * ({@code +6281234567890}, the WaId {@code 6281234567890}, {@code whatsapp:+6281234567890}, with spaces or
     * dashes) is normalised by {@link ContactIds#fromInput}, so each names the one contact; a bad one is the same 400
     * everywhere.
     * @throws ProblemException (invalid request) unless it reads as E.164 or {@code bsuid:<id>}
     */
    public static String checkedContactId(String contactId) {
        String id = ContactIds.fromInput(contactId).orElse("");
        if (!CONTACT_ID.matcher(id).matches()) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "contactId must be a phone number with its country code such as +6281234567890 (or 6281234567890, "
                            + "whatsapp:+6281234567890), or bsuid:<id>");
        }
        return id;
    }

    @Transactional
    public ContactView view(String contactId) {
        String id = checkedContactId(contactId);
        return new ContactView(id, consents.isOptedOut(id), zones.zoneOf(id).getId());
    }

    @Transactional
    public boolean isOptedOut(String contactId) {
        return consents.isOptedOut(contactId);
    }

    /** Overrides the zone derived from the phone's country code, e.g. {@code Asia/Makassar}. */
    @Transactional
    public ContactView setZone(String contactId, String zoneId) {
        String id = checkedContactId(contactId);
        String zone;
        try {
            zone = ZoneId.of(zoneId.trim()).getId();
        } catch (DateTimeException e) {
            throw new ProblemException(ProblemType.INVALID_REQUEST,
                    "unknown timezone '" + zoneId + "', use an IANA id such as Asia/Jakarta");
        }
        timezones.setOverride(id, zone);
        return new ContactView(id, consents.isOptedOut(id), zone);
    }
}
