package com.wawindow.sender.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Safe defaults for a production start: no dry run by accident (Twilio credentials, or FOLLOWUP_DRY_RUN=true on
 * purpose), and Twilio's basic-auth credentials never over plain http unless TWILIO_ALLOW_INSECURE_BASE_URL=true.
 * Dev and test runs are not checked for those. In every mode, the connection pool must hold what runs at once
 * ({@link #poolRefusal}).
 */
@ApplicationScoped
public class StartupChecks {

    /**
     * Pooled connections kept for everything besides window-expired records and campaign sends: the inbound and status
     * consumers, the heartbeat, claim recovery, due follow-ups, the template sync, campaign leases, health checks and
     * the REST API, each one connection at a time, and the two nudge workers (window-expiring-soon).
     */
    public static final int POOL_RESERVE = 10;

    private final TwilioConfig twilio;
    private final FollowupConfig followup;
    private final int poolMaxSize;

    public StartupChecks(TwilioConfig twilio, FollowupConfig followup,
            @ConfigProperty(name = "quarkus.datasource.jdbc.max-size") int poolMaxSize) {
        this.twilio = twilio;
        this.followup = followup;
        this.poolMaxSize = poolMaxSize;
    }

    void onStart(@Observes StartupEvent event) {
        List<String> refusals = new ArrayList<>(refusals(twilio, followup, LaunchMode.current()));
        poolRefusal(followup, poolMaxSize).ifPresent(refusals::add);
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

    /**
     * Why the pool cannot serve the work that runs at once, in any mode: every window-expired worker and campaign send
     * holds one connection at a time, and with {@link #POOL_RESERVE} for the rest they must fit in the pool's
     * max-size. More workers than that wait for a connection in a burst, up to the acquisition timeout; fewer never do.
     */
    public static Optional<String> poolRefusal(FollowupConfig followup, int poolMaxSize) {
        if (followup.consumerConcurrency() < 1 || followup.campaignConcurrency() < 1) {
            return Optional.of("FOLLOWUP_CONSUMER_CONCURRENCY (" + followup.consumerConcurrency()
                    + ") and FOLLOWUP_CAMPAIGN_CONCURRENCY (" + followup.campaignConcurrency() + ") must be at least 1.");
        }
        int needed = followup.consumerConcurrency() + followup.campaignConcurrency() + POOL_RESERVE;
        if (needed <= poolMaxSize) {
            return Optional.empty();
        }
        return Optional.of("FOLLOWUP_CONSUMER_CONCURRENCY (" + followup.consumerConcurrency()
                + ") + FOLLOWUP_CAMPAIGN_CONCURRENCY (" + followup.campaignConcurrency() + ") + " + POOL_RESERVE
                + " for the other consumers and jobs need " + needed + " pooled connections, but "
                + "QUARKUS_DATASOURCE_JDBC_MAX_SIZE is " + poolMaxSize + ": lower the concurrencies or raise the pool "
                + "(PostgreSQL's max_connections must hold every instance's pool).");
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
