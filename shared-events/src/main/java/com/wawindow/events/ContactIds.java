package com.wawindow.events;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place that turns Twilio's addressing into a contact id. Used by every service, so a
 * contact is the same contact in ingest, tracker and sender.
 *
 * <ul>
 *   <li>{@code WaId} (digits only) wins when present: {@code 6281234567890} becomes {@code +6281234567890}.</li>
 *   <li>Else the E.164 number inside {@code From}: {@code whatsapp:+62 812-3456-7890} becomes {@code +6281234567890}.</li>
 *   <li>Else the business-scoped user id Twilio is rolling out ({@code ExternalUserId}, or a {@code From}
 *       that is not a phone number): kept as {@code bsuid:<id>}.</li>
 * </ul>
 */
public final class ContactIds {

    public static final String WHATSAPP_PREFIX = "whatsapp:";
    private static final String BSUID_PREFIX = "bsuid:";
    private static final Pattern NON_DIGITS = Pattern.compile("[^0-9]");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ()./-]{5,24}");

    private ContactIds() {
    }

    /**
     * @return the contact id, or empty when none of the three identifies anybody.
     */
    public static Optional<String> fromTwilio(String waId, String from, String externalUserId) {
        String waDigits = waId == null ? "" : NON_DIGITS.matcher(waId).replaceAll("");
        if (waDigits.length() >= 6 && waDigits.length() <= 15) {
            return Optional.of("+" + waDigits);
        }
        String address = stripChannel(from);
        if (!address.isEmpty() && PHONE.matcher(address).matches()) {
            String digits = NON_DIGITS.matcher(address).replaceAll("");
            if (digits.length() >= 6 && digits.length() <= 15) {
                return Optional.of("+" + digits);
            }
        }
        Optional<String> businessScoped = businessScoped(externalUserId);
        if (businessScoped.isPresent()) {
            return businessScoped;
        }
        if (!address.isEmpty()) {
            return Optional.of(BSUID_PREFIX + address);
        }
        return Optional.empty();
    }

    /**
     * The id a contact known only by its business-scoped user id has: {@code US.1349} becomes {@code bsuid:US.1349}. The
     * window tracker merges that contact into the phone number's once a message carries both.
     *
     * @return empty for a blank value
     */
    public static Optional<String> businessScoped(String externalUserId) {
        if (externalUserId == null || externalUserId.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(BSUID_PREFIX + externalUserId.trim());
    }

    /**
     * A contact id as a person or a client types it: {@code +6281234567890}, the WaId {@code 6281234567890},
     * {@code whatsapp:+6281234567890}, with spaces, dashes, dots or brackets, or {@code bsuid:<id>}. Every form of one
     * number gives the one id ingest gives that number's messages, so every API that takes an id finds the contact.
     *
     * @return empty for a blank value
     */
    public static Optional<String> fromInput(String typed) {
        if (typed == null || typed.isBlank()) {
            return Optional.empty();
        }
        return fromTwilio(null, typed, null);
    }

    /** The WhatsApp address Twilio expects in {@code To} for this contact. */
    public static String whatsappAddress(String contactId) {
        String id = contactId.startsWith(BSUID_PREFIX) ? contactId.substring(BSUID_PREFIX.length()) : contactId;
        return WHATSAPP_PREFIX + id;
    }

    public static boolean isPhoneNumber(String contactId) {
        return contactId != null && contactId.startsWith("+");
    }

    public static boolean isBusinessScoped(String contactId) {
        return contactId != null && contactId.startsWith(BSUID_PREFIX);
    }

    /** For logs: keeps the country code and the last two digits, {@code +62*********90}. */
    public static String mask(String contactIdOrAddress) {
        if (contactIdOrAddress == null) {
            return "null";
        }
        String value = stripChannel(contactIdOrAddress);
        if (value.length() <= 5) {
            return "*".repeat(value.length());
        }
        return value.substring(0, 3) + "*".repeat(value.length() - 5) + value.substring(value.length() - 2);
    }

    private static String stripChannel(String address) {
        if (address == null) {
            return "";
        }
        String trimmed = address.trim();
        int colon = trimmed.indexOf(':');
        if (colon > 0 && trimmed.substring(0, colon).toLowerCase(Locale.ROOT).matches("[a-z]+")) {
            trimmed = trimmed.substring(colon + 1).trim();
        }
        return trimmed;
    }
}
