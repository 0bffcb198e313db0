package com.wawindow.sender.service;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.wawindow.events.ContactIds;
import com.wawindow.sender.repository.ContactTimezoneRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A contact's local timezone for quiet hours: the per-contact override when set, else the first zone
 * libphonenumber gives for the number (by country and, for large countries, area code), else UTC.
 */
@ApplicationScoped
public class ContactClock {

    @Inject
    ContactTimezoneRepository overrides;

    public ZoneId zoneOf(String contactId) {
        return overrides.findByIdOptional(contactId).map(o -> ZoneId.of(o.zoneId)).orElseGet(() -> fromNumber(contactId));
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
