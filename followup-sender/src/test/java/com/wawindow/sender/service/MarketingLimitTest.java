package com.wawindow.sender.service;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpired;
import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.FakeTwilioResource;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.repository.ContactConsentRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Meta's per-user marketing limit (Twilio 63049, Meta 131049), answered at once or reported by a status callback: the
 * follow-up is not a failure of the contact, goes to the fake Twilio once more after FOLLOWUP_MARKETING_LIMIT_RETRY
 * (2 s in the test profile) and only then, the contact is never marked opted out, and each hold is counted in
 * {@code followup_marketing_limited_total}.
 */
@QuarkusTest
class MarketingLimitTest extends SenderTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration RETRY = Duration.ofSeconds(2);

    @Inject
    ContactConsentRepository consents;
    @Inject
    MeterRegistry meters;

    @BeforeEach
    void twilioAcceptsByDefault() {
        FakeTwilio.acceptAll();
    }

    @Test
    void aLimitInTheAnswerIsTriedAgainAfterItsPeriodAndNeverAnOptOut() {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        FakeTwilio.firstAnswerThenCreated(to, FakeTwilio.error(400, 63049));
        double before = limited("answer");
        WindowExpired event = TestEvents.windowExpired(contactId, "Tari");

        TestEvents.publish(Topics.WINDOW_EXPIRED, event);

        await().atMost(WAIT).until(() -> FakeTwilio.requestsTo(to).size() == 2
                && dispatchFor(event).map(d -> d.twilioMessageSid != null).orElse(false));
        List<LoggedRequest> requests = FakeTwilio.requestsTo(to);
        assertTriedAgainAfterThePeriod(requests);
        assertEquals(FakeTwilioResource.CONTENT_SID, FakeTwilio.form(requests.get(1)).get("ContentSid"));
        assertFalse(optedOut(contactId));
        assertEquals(before + 1, limited("answer"), 0.0);
        assertStaysAt(to, 2);
    }

    @Test
    void aLimitInAStatusCallbackIsTriedAgainAfterItsPeriodAndNeverAnOptOut() {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        double before = limited("callback");
        WindowExpired event = TestEvents.windowExpired(contactId, "Wulan");
        TestEvents.publish(Topics.WINDOW_EXPIRED, event);
        await().atMost(WAIT).until(() -> dispatchFor(event).map(d -> d.twilioMessageSid != null).orElse(false));
        String held = dispatchFor(event).orElseThrow().twilioMessageSid;

        TestEvents.publish(Topics.MESSAGE_STATUS, TestEvents.status(contactId, held, "failed", "131049"));
        // the same callback again (Twilio and the broker both redeliver): one hold, one new attempt
        TestEvents.publish(Topics.MESSAGE_STATUS, TestEvents.status(contactId, held, "failed", "131049"));

        await().atMost(WAIT).until(() -> FakeTwilio.requestsTo(to).size() == 2
                && dispatchFor(event).map(d -> d.twilioMessageSid != null).orElse(false));
        assertTriedAgainAfterThePeriod(FakeTwilio.requestsTo(to));
        Dispatch dispatch = dispatchFor(event).orElseThrow();
        assertThat(dispatch.twilioMessageSid, not(held));
        assertFalse(optedOut(contactId));
        assertEquals(before + 1, limited("callback"), 0.0);
        assertStaysAt(to, 2);
    }

    private static void assertTriedAgainAfterThePeriod(List<LoggedRequest> requests) {
        assertThat(requests, hasSize(2));
        long apart = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat("ms between the held send and the next", apart, greaterThanOrEqualTo(RETRY.toMillis()));
    }

    /** Nothing more goes out over a few recovery passes (1 s apart in the test profile). */
    private static void assertStaysAt(String to, int count) {
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> FakeTwilio.requestsTo(to).size() == count);
    }

    private double limited(String seen) {
        var counter = meters.find("followup.marketing.limited").tag("seen", seen).counter();
        return counter == null ? 0 : counter.count();
    }

    private boolean optedOut(String contactId) {
        return QuarkusTransaction.requiringNew().call(() -> consents.isOptedOut(contactId));
    }
}
