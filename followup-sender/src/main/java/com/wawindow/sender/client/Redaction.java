package com.wawindow.sender.client;

import com.wawindow.events.ContactIds;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twilio's error messages quote the number they refused ("The 'To' number +6281234567890 is not a valid phone
 * number"): masked before they reach a log, the dispatch row or an API answer.
 */
public final class Redaction {

    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+?\\d[\\d ()-]{5,}\\d");

    private Redaction() {
    }

    /** The text with every phone-number-like run of digits masked as {@link ContactIds#mask} does. */
    public static String phoneNumbers(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = PHONE_NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(out, Matcher.quoteReplacement(ContactIds.mask(matcher.group().replaceAll("[ ()-]", ""))));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
