package com.wawindow.ingest.service;

import com.wawindow.events.ConsentChange;
import com.wawindow.ingest.config.IngestConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises a message that is only an opt-out or opt-in keyword: Twilio's own (STOP ... ; START, UNSTOP) plus
 * the configured localized ones. Case and whitespace do not matter: " stop all " is STOPALL.
 */
@Singleton
public class ConsentKeywords {

    static final List<String> TWILIO_OPT_OUT = List.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT");
    static final List<String> TWILIO_OPT_IN = List.of("START", "UNSTOP");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00a0\\u200b]+");

    private final Set<String> optOut;
    private final Set<String> optIn;

    @Inject
    public ConsentKeywords(IngestConfig config) {
        this(config.optOutKeywords().orElse(List.of()), config.optInKeywords().orElse(List.of()));
    }

    ConsentKeywords(List<String> extraOptOut, List<String> extraOptIn) {
        this.optOut = normalisedSet(TWILIO_OPT_OUT, extraOptOut);
        this.optIn = normalisedSet(TWILIO_OPT_IN, extraOptIn);
    }

    /** Opt-out wins when a keyword was configured as both. */
    public ConsentChange of(String body) {
        if (body == null || body.length() > 64) {
            return ConsentChange.NONE;
        }
        String keyword = normalise(body);
        if (optOut.contains(keyword)) {
            return ConsentChange.OPT_OUT;
        }
        return optIn.contains(keyword) ? ConsentChange.OPT_IN : ConsentChange.NONE;
    }

    private static Set<String> normalisedSet(List<String> builtIn, List<String> extra) {
        Set<String> set = new HashSet<>();
        builtIn.forEach(k -> set.add(normalise(k)));
        extra.stream().map(ConsentKeywords::normalise).filter(k -> !k.isEmpty()).forEach(set::add);
        return Set.copyOf(set);
    }

    private static String normalise(String text) {
        return WHITESPACE.matcher(text).replaceAll("").toUpperCase(Locale.ROOT);
    }
}
