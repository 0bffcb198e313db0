package com.wawindow.sender.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.wawindow.sender.TestConfigs;
import io.quarkus.runtime.LaunchMode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Each production refusal, with the variable its message names; dev and test are never refused for those. The pool's
 * size against the work that runs at once is checked in every mode.
 */
class StartupChecksTest {

    private static final String SID = "AC00000000000000000000000000000001";
    private static final String HTTPS = "https://api.twilio.com";

    @Test
    void prodWithoutTwilioCredentialsRefusesUnlessDryRunIsChosen() {
        List<String> refusals = StartupChecks.refusals(TestConfigs.twilio(null, null, HTTPS, false),
                TestConfigs.followup(false), LaunchMode.NORMAL);
        assertThat(refusals, hasSize(1));
        assertThat(refusals.get(0), startsWith("TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN are not both set"));
        assertThat(refusals.get(0), containsString("FOLLOWUP_DRY_RUN=true"));
        assertThat(StartupChecks.refusals(TestConfigs.twilio(SID, " ", HTTPS, false), TestConfigs.followup(false),
                LaunchMode.NORMAL), hasSize(1));

        assertThat(StartupChecks.refusals(TestConfigs.twilio(null, null, HTTPS, false), TestConfigs.followup(true),
                LaunchMode.NORMAL), empty());
        assertThat(StartupChecks.refusals(TestConfigs.twilio(SID, "token", HTTPS, false), TestConfigs.followup(false),
                LaunchMode.NORMAL), empty());
    }

    @Test
    void prodRefusesPlainHttpBaseUrlsUnlessAllowed() {
        List<String> refusals = StartupChecks.refusals(TestConfigs.twilio(SID, "token", "http://127.0.0.1:8089", false),
                TestConfigs.followup(false), LaunchMode.NORMAL);
        assertThat(refusals, contains(startsWith("TWILIO_API_BASE_URL must be an https URL (was http://127.0.0.1:8089)"),
                startsWith("TWILIO_CONTENT_BASE_URL must be an https URL")));
        assertThat(refusals.get(0), containsString("TWILIO_ALLOW_INSECURE_BASE_URL=true"));

        assertThat(StartupChecks.refusals(TestConfigs.twilio(SID, "token", "http://127.0.0.1:8089", true),
                TestConfigs.followup(false), LaunchMode.NORMAL), empty());
    }

    @Test
    void thePoolMustHoldEveryWorkerAndCampaignSendWithTheReserveInEveryMode() {
        assertThat(StartupChecks.poolRefusal(TestConfigs.followup(false), 42), equalTo(Optional.empty()));
        assertThat(StartupChecks.poolRefusal(TestConfigs.followup(false, 4, 1), 15), equalTo(Optional.empty()));

        Optional<String> refusal = StartupChecks.poolRefusal(TestConfigs.followup(false, 24, 8), 41);
        assertThat(refusal.orElseThrow(), startsWith("FOLLOWUP_CONSUMER_CONCURRENCY (24) + FOLLOWUP_CAMPAIGN_CONCURRENCY (8)"
                + " + 10 for the other consumers and jobs need 42 pooled connections, but QUARKUS_DATASOURCE_JDBC_MAX_SIZE is 41"));
        assertThat(StartupChecks.poolRefusal(TestConfigs.followup(false, 0, 8), 42).orElseThrow(),
                containsString("must be at least 1"));
    }

    @Test
    void devAndTestAreNotChecked() {
        for (LaunchMode mode : List.of(LaunchMode.DEVELOPMENT, LaunchMode.TEST)) {
            assertThat(StartupChecks.refusals(TestConfigs.twilio(null, null, "http://127.0.0.1:1", false),
                    TestConfigs.followup(false), mode), empty());
        }
    }
}
