package com.wawindow.sender.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.sender.TestConfigs;
import org.junit.jupiter.api.Test;

class TwilioConnectionTest {

    private static final String SID = "AC00000000000000000000000000000001";

    @Test
    void withoutBothCredentialsTheSenderRunsDry() {
        assertTrue(connection(null, null, false).dryRun());
        assertTrue(connection("AC1", " ", false).dryRun());
        assertTrue(connection(null, "token", false).dryRun());
    }

    @Test
    void withCredentialsItSends() {
        TwilioConnection connection = connection(SID, "token", false);
        assertFalse(connection.dryRun());
        assertTrue(connection.client().orElseThrow().getHttpClient() instanceof RebasingHttpClient);
    }

    @Test
    void followupDryRunWinsOverCredentials() {
        assertTrue(connection(SID, "token", true).dryRun());
    }

    private static TwilioConnection connection(String accountSid, String authToken, boolean dryRun) {
        return new TwilioConnection(TestConfigs.twilio(accountSid, authToken, "http://127.0.0.1:1", true),
                TestConfigs.followup(dryRun));
    }
}
