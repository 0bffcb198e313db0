package com.wawindow.sender.service;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.wawindow.events.ContactIds;
import com.wawindow.sender.repository.ContactTimezoneRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A contact's timezone for quiet hours: the per-contact override when set, else the first zone libphonenumber
 * gives for the number (by country and, for large countries, area code), else UTC. Callers run it in a transaction.
 */
@ApplicationScoped
public class ContactZones {

    private final ContactTimezoneRepository overrides;

    public ContactZones(ContactTimezoneRepository overrides) {
        this.overrides = overrides;
    }

    public ZoneId zoneOf(String contactId) {
        return overrides.overrideOf(contactId).map(ZoneId::of).orElseGet(() -> fromNumber(contactId));
    }

    static ZoneId fromNumber(String contactId) {
        if (!ContactIds.isPhoneNumber(contactId)) {
            return ZoneOffset.UTC;
        }
        try {
            List<String> zones = PhoneNumberToTimeZonesMapper.getInstance()
                    .getTimeZonesForNumber(PhoneNumberUtil.getInstance().parse(contactId, null));
            String first = zones.isEmpty() ? PhoneNumberToTimeZonesMapper.getUnknownTimeZone() : zones.get(0);
            return PhoneNumberToTimeZonesMapper.getUnknownTimeZone().equals(first) ? ZoneOffset.UTC : ZoneId.of(first);
        } catch (NumberParseException | DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
