package com.wawindow.sender.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.wawindow.sender.TestConfigs;
import io.quarkus.runtime.LaunchMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each production refusal, with the variable its message names; dev and test are never refused. */
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
    void devAndTestAreNotChecked() {
        for (LaunchMode mode : List.of(LaunchMode.DEVELOPMENT, LaunchMode.TEST)) {
            assertThat(StartupChecks.refusals(TestConfigs.twilio(null, null, "http://127.0.0.1:1", false),
                    TestConfigs.followup(false), mode), empty());
        }
    }
}
