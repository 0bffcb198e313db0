package com.wawindow.sender.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Safe defaults for a production start: no dry run by accident (Twilio credentials, or FOLLOWUP_DRY_RUN=true on
 * purpose), and Twilio's basic-auth credentials never over plain http unless TWILIO_ALLOW_INSECURE_BASE_URL=true.
 * Dev and test runs are not checked.
 */
@ApplicationScoped
public class StartupChecks {

    private final TwilioConfig twilio;
    private final FollowupConfig followup;

    public StartupChecks(TwilioConfig twilio, FollowupConfig followup) {
        this.twilio = twilio;
        this.followup = followup;
    }

    void onStart(@Observes StartupEvent event) {
        List<String> refusals = refusals(twilio, followup, LaunchMode.current());
        if (!refusals.isEmpty()) {
            throw new IllegalStateException("followup-sender refuses to start: " + String.join(" ", refusals));
        }
    }

    /** Why this configuration may not start in this mode; empty when it may. */
    public static List<String> refusals(TwilioConfig twilio, FollowupConfig followup, LaunchMode mode) {
        List<String> refusals = new ArrayList<>();
        if (mode != LaunchMode.NORMAL) {
            return refusals;
        }
        boolean credentials = present(twilio.accountSid().orElse(null)) && present(twilio.authToken().orElse(null));
        if (!credentials && !followup.dryRun()) {
            refusals.add("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are not both set: nothing could be sent. Set them, "
                    + "or set FOLLOWUP_DRY_RUN=true to log and record messages without sending them.");
        }
        if (!twilio.allowInsecureBaseUrl()) {
            insecure("TWILIO_API_BASE_URL", twilio.apiBaseUrl(), refusals);
            insecure("TWILIO_CONTENT_BASE_URL", twilio.contentBaseUrl(), refusals);
        }
        return refusals;
    }

    private static void insecure(String variable, String url, List<String> refusals) {
        String scheme = url == null ? null : URI.create(url.trim()).getScheme();
        if (!"https".equalsIgnoreCase(scheme)) {
            refusals.add(variable + " must be an https URL (was " + url + "): the Twilio credentials travel with every "
                    + "request. Set TWILIO_ALLOW_INSECURE_BASE_URL=true only for a fake Twilio on loopback.");
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
