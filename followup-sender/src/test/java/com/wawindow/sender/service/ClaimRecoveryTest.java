package com.wawindow.sender.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.FakeTwilioResource;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import com.wawindow.sender.entity.OutboundMessage;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.DispatchStatus;
import com.wawindow.sender.repository.DispatchRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A sender killed between claiming a dispatch and recording Twilio's answer leaves it CLAIMED by an instance
 * that no longer heart-beats. Another instance reconciles it with Twilio: recorded when Twilio has the message,
 * sent exactly once when it has not.
 */
@QuarkusTest
class ClaimRecoveryTest extends SenderTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DispatchRepository dispatches;

    @Test
    void aClaimTwilioAlreadyAnsweredIsRecordedWithoutASecondCall() {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        String createdSid = "SM" + UUID.randomUUID().toString().replace("-", "");
        FakeTwilio.client().register(get(urlPathEqualTo(FakeTwilio.MESSAGES_PATH)).withQueryParam("To", equalTo(to))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(messagePage(to, createdSid, ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(1)))));

        FakeTwilio.acceptAll();
        long id = claimByADeadInstance(contactId, to);

        await().atMost(WAIT).until(() -> status(id) != DispatchStatus.CLAIMED);
        Dispatch dispatch = QuarkusTransaction.requiringNew().call(() -> dispatches.findById(id));
        assertEquals(createdSid, dispatch.twilioMessageSid);
        assertThat("Twilio already had it: no second message", FakeTwilio.requestsTo(to), empty());
    }

    @Test
    void aClaimTwilioNeverSawIsSentOnce() {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        FakeTwilio.acceptAll();
        FakeTwilio.client().register(get(urlPathEqualTo(FakeTwilio.MESSAGES_PATH)).withQueryParam("To", equalTo(to))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(emptyPage())));

        long id = claimByADeadInstance(contactId, to);

        await().atMost(WAIT).until(() -> status(id) != DispatchStatus.CLAIMED);
        assertThat(FakeTwilio.requestsTo(to), hasSize(1));
        assertEquals(FakeTwilioResource.CONTENT_SID, FakeTwilio.form(FakeTwilio.requestsTo(to).get(0)).get("ContentSid"));
        Dispatch dispatch = QuarkusTransaction.requiringNew().call(() -> dispatches.findById(id));
        assertEquals(DispatchStatus.QUEUED, dispatch.status);
    }

    private long claimByADeadInstance(String contactId, String to) {
        UUID window = UUID.randomUUID();
        var claim = new DispatchRepository.Claim("window:" + window + ":rule:1", Dispatch.Kind.FOLLOWUP, window, null, null,
                contactId, new OutboundMessage(to, FakeTwilioResource.FROM, null, FakeTwilioResource.CONTENT_SID,
                        "{\"1\":\"Budi\"}", null, null));
        // an instance id that never heart-beat: the process that claimed it is gone
        return QuarkusTransaction.requiringNew().call(() -> dispatches.claim(claim, UUID.randomUUID(), Instant.now())).orElseThrow();
    }

    private DispatchStatus status(long id) {
        return QuarkusTransaction.requiringNew().call(() -> dispatches.findById(id).status);
    }

    private static String messagePage(String to, String sid, ZonedDateTime created) {
        // Twilio's v2010 dates: RFC 2822 with a numeric offset
        String date = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US).format(created);
        return """
                {"messages":[{"sid":"%s","account_sid":"%s","to":"%s","from":"%s","body":"Hi Budi",
                "status":"delivered","direction":"outbound-api","date_created":"%s","date_updated":"%s","date_sent":"%s",
                "num_segments":"1","num_media":"0","price":null,"price_unit":"USD","api_version":"2010-04-01",
                "uri":"/2010-04-01/Accounts/%s/Messages/%s.json"}],
                "end":0,"first_page_uri":"/2010-04-01/Accounts/%s/Messages.json?PageSize=20&Page=0","next_page_uri":null,
                "page":0,"page_size":20,"previous_page_uri":null,"start":0,"uri":"/2010-04-01/Accounts/%s/Messages.json?PageSize=20&Page=0"}
                """.formatted(sid, FakeTwilioResource.ACCOUNT_SID, to, FakeTwilioResource.FROM, date, date, date,
                FakeTwilioResource.ACCOUNT_SID, sid, FakeTwilioResource.ACCOUNT_SID, FakeTwilioResource.ACCOUNT_SID);
    }

    private static String emptyPage() {
        return """
                {"messages":[],"end":0,"first_page_uri":"/2010-04-01/Accounts/%s/Messages.json?PageSize=20&Page=0",
                "next_page_uri":null,"page":0,"page_size":20,"previous_page_uri":null,"start":0,
                "uri":"/2010-04-01/Accounts/%s/Messages.json?PageSize=20&Page=0"}
                """.formatted(FakeTwilioResource.ACCOUNT_SID, FakeTwilioResource.ACCOUNT_SID);
    }
}
