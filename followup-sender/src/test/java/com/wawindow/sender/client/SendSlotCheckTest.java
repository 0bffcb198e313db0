package com.wawindow.sender.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.twilio.exception.TwilioException;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import com.wawindow.sender.TestConfigs;
import com.wawindow.support.failure.Causes;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The send budget's check at the wire, through the real SDK and HTTP client against a fake on 127.0.0.1: a request
 * whose slot passed while it was on its way (a stall after the limiter let it go) never reaches Twilio; one on time
 * does, and requests outside the budget (no slot held) are not checked at all.
 */
class SendSlotCheckTest {

    private static final String ACCOUNT = "AC00000000000000000000000000000001";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

    private WireMockServer fake;
    private TwilioConnection connection;

    @BeforeEach
    void start() {
        fake = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        fake.start();
        fake.stubFor(post(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"sid\": \"SM00000000000000000000000000000001\", \"status\": \"queued\"}")));
        connection = new TwilioConnection(TestConfigs.twilio(ACCOUNT, "token", "http://127.0.0.1:" + fake.port(), true),
                TestConfigs.followup(false));
    }

    @AfterEach
    void stop() {
        fake.stop();
    }

    @Test
    void aRequestWhoseSlotPassedOnItsWayIsNeverWritten() {
        long passed = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(200);
        TwilioException refused;
        try (SendSlotCheck.Held held = SendSlotCheck.hold(passed)) {
            refused = assertThrows(TwilioException.class, this::create);
        }
        assertTrue(Causes.any(refused, SendSlotCheck.SlotPassed.class), "refused for its slot: " + refused);
        assertEquals(0, fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).size(), "nothing reached the fake");
    }

    @Test
    void aRequestOnTimeGoesOutAndTheSlotIsReleasedAfterIt() {
        try (SendSlotCheck.Held held = SendSlotCheck.hold(System.nanoTime())) {
            assertEquals("SM00000000000000000000000000000001", create().getSid());
        }
        // the thread holds no slot any more: a later request of this thread (a read, a reconcile) is not checked
        assertEquals("SM00000000000000000000000000000001", create().getSid());
        assertEquals(2, fake.findAll(postRequestedFor(urlPathEqualTo(MESSAGES))).size());
    }

    private Message create() {
        return Message.creator(new PhoneNumber("whatsapp:+15550000001"), new PhoneNumber("whatsapp:+15550000002"), "hi")
                .create(connection.client().orElseThrow());
    }
}
