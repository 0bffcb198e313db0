package com.wawindow.sender.service;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wawindow.events.ConsentChange;
import com.wawindow.events.EventIds;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpired;
import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user known first by a business-scoped id ({@code ExternalUserId}) whose phone number appears later: the sender takes
 * both ids for one contact, as the tracker merges them. A message under either id is a reply to the other's window, a
 * STOP under one holds for both, so no template goes to somebody who answered or opted out under the other id.
 */
@QuarkusTest
class IdentityMergeFollowupTest extends SenderTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeEach
    void twilioAccepts() {
        FakeTwilio.acceptAll();
    }

    @Test
    void aReplyUnderTheBusinessScopedIdStopsThePhoneWindowsFollowUp() {
        String phone = TestEvents.newContactId();
        String user = "ID." + UUID.randomUUID();
        Instant opened = Instant.now().minus(Duration.ofHours(25));
        InboundMessageReceived opening = TestEvents.inbound(phone, user, "hi", ConsentChange.NONE, opened);
        TestEvents.publish(Topics.INBOUND_MESSAGES, opening);
        // the later message under the bsuid comes after the phone message was applied (its own partition otherwise
        // may be read first: then it is the bsuid's, as it would have been before the merge)
        await().atMost(WAIT).until(() -> aliasOf("bsuid:" + user).equals(phone));
        TestEvents.publish(Topics.INBOUND_MESSAGES, TestEvents.inbound("bsuid:" + user, user, "still there?",
                ConsentChange.NONE, opened.plus(Duration.ofHours(23))));

        WindowExpired closed = new WindowExpired(EventIds.windowExpired(phone, opening.messageSid()),
                WindowExpired.CURRENT_VERSION, phone, "whatsapp:" + phone, "whatsapp:+14155238886", "Budi", opened,
                Instant.now().minusSeconds(1), opening.messageSid(), false, false);
        await().atMost(WAIT).until(() -> repliedRecorded(phone, opened));
        TestEvents.publish(Topics.WINDOW_EXPIRED, closed);

        await().atMost(WAIT).until(() -> reasons(phone).contains("contact replied after the window opened"));
        assertStaysAt("whatsapp:" + phone, 0);
    }

    @Test
    void aStopUnderTheBusinessScopedIdHoldsForThePhoneContact() {
        String phone = TestEvents.newContactId();
        String user = "ID." + UUID.randomUUID();
        Instant now = Instant.now();
        TestEvents.publish(Topics.INBOUND_MESSAGES, TestEvents.inbound("bsuid:" + user, user, "STOP", ConsentChange.OPT_OUT,
                now.minus(Duration.ofHours(30))));
        await().atMost(WAIT).until(() -> optedOut("bsuid:" + user));
        InboundMessageReceived opening = TestEvents.inbound(phone, user, "hello", ConsentChange.NONE,
                now.minus(Duration.ofHours(25)));
        TestEvents.publish(Topics.INBOUND_MESSAGES, opening);
        await().atMost(WAIT).until(() -> optedOut(phone));

        TestEvents.publish(Topics.WINDOW_EXPIRED, new WindowExpired(EventIds.windowExpired(phone, opening.messageSid()),
                WindowExpired.CURRENT_VERSION, phone, "whatsapp:" + phone, "whatsapp:+14155238886", "Budi",
                opening.receivedAt(), Instant.now().minusSeconds(1), opening.messageSid(), false, false));
        await().atMost(WAIT).until(() -> reasons(phone).contains("contact opted out"));
        assertStaysAt("whatsapp:" + phone, 0);
    }

    private static boolean repliedRecorded(String phone, Instant opened) {
        // the sender's view of the contact: its newest inbound message is the bsuid one, after the opening
        return given().queryParam("contactId", phone).when().get("/followups").then().extract().statusCode() == 200
                && lastInboundAfter(phone, opened);
    }

    private static boolean lastInboundAfter(String phone, Instant opened) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> io.quarkus.arc.Arc.container()
                .instance(com.wawindow.sender.repository.ContactActivityRepository.class).get()
                .wroteAfter(phone, opened, null));
    }

    private static String aliasOf(String aliasId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> io.quarkus.arc.Arc.container()
                .instance(com.wawindow.sender.repository.ContactAliasRepository.class).get().contactOf(aliasId).orElse(""));
    }

    private static boolean optedOut(String contactId) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> io.quarkus.arc.Arc.container()
                .instance(com.wawindow.sender.repository.ContactConsentRepository.class).get().isOptedOut(contactId));
    }

    private static List<String> reasons(String contactId) {
        return given().queryParam("contactId", contactId).when().get("/followups").then().statusCode(200).extract()
                .jsonPath().getList("reason", String.class);
    }

    private static void assertStaysAt(String to, int count) {
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> FakeTwilio.requestsTo(to).size() == count);
        assertEquals(count, FakeTwilio.requestsTo(to).size());
    }
}
