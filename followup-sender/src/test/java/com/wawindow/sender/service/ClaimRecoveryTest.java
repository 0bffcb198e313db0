package com.wawindow.sender.service;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.FakeTwilioMessages;
import com.wawindow.sender.FakeTwilioResource;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.DispatchStatus;
import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.entity.OutboundMessage;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.DispatchAttemptRepository;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.FollowupRuleRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A sender killed between recording an attempt and Twilio's answer leaves its dispatch CLAIMED under a lease in
 * database time. Once the lease ran out another instance (here: this one, with its own id) adopts it, reconciles the
 * attempt with List Messages and only then, after the re-checks, creates. A live claim, and one this instance is still
 * working on, is never adopted.
 */
@QuarkusTest
class ClaimRecoveryTest extends SenderTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DispatchRepository dispatches;
    @Inject
    DispatchAttemptRepository attempts;
    @Inject
    FollowupRuleRepository rules;
    @Inject
    ContactConsentRepository consents;
    @Inject
    SenderInstance instance;
    @Inject
    DispatchLedger ledger;
    @Inject
    ClaimRecovery recovery;

    @BeforeEach
    void twilioAcceptsByDefault() {
        FakeTwilio.acceptAll();
    }

    @Test
    void aKilledOwnersCreateThatReachedTwilioIsRecordedByAnotherInstanceWithoutASecondCreate() throws Exception {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        // the killed owner's request reached the fake (and created the message); its answer never got recorded
        createAtTheFakeAsTheKilledOwnerDid(to);
        long id = claimByAKilledInstanceWithAnAttemptInFlight(contactId, to);

        await().atMost(WAIT).until(() -> dispatch(id).status != DispatchStatus.CLAIMED);
        Dispatch dispatch = dispatch(id);
        assertEquals(DispatchStatus.SENT, dispatch.status);
        assertEquals(FakeTwilioMessages.createdTo(to).get(0).sid(), dispatch.twilioMessageSid);
        assertEquals(instance.id(), dispatch.claimedBy, "adopted by another instance id than the killed owner's");
        assertThat("exactly one create at the fake in total", FakeTwilio.requestsTo(to), hasSize(1));
        assertThat(FakeTwilioMessages.createdTo(to), hasSize(1));
    }

    @Test
    void aKilledOwnersAttemptTwilioNeverSawIsSentOnceAfterTheLookup() {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        long id = claimByAKilledInstanceWithAnAttemptInFlight(contactId, to);

        await().atMost(WAIT).until(() -> dispatch(id).status != DispatchStatus.CLAIMED);
        assertEquals(DispatchStatus.QUEUED, dispatch(id).status);
        assertThat(FakeTwilio.requestsTo(to), hasSize(1));
        assertEquals(FakeTwilioResource.CONTENT_SID, FakeTwilio.form(FakeTwilio.requestsTo(to).get(0)).get("ContentSid"));
        assertEquals(java.util.List.of("ABSENT", "CREATED"), QuarkusTransaction.requiringNew().call(() ->
                attempts.forDispatches(java.util.List.of(id)).stream().map(a -> a.outcome.name()).toList()));
    }

    @Test
    void recoveryRechecksConsent() {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        // a STOP between the killed owner's claim and the recovery
        QuarkusTransaction.requiringNew().run(() -> consents.record(contactId, true, "inbound STOP", Instant.now()));
        long id = claimByAKilledInstanceWithAnAttemptInFlight(contactId, to);

        await().atMost(WAIT).until(() -> dispatch(id).status != DispatchStatus.CLAIMED);
        assertEquals(DispatchStatus.CANCELLED, dispatch(id).status);
        assertThat("opted out meanwhile: nothing created", FakeTwilio.requestsTo(to), empty());
    }

    @Test
    void anInstanceNeverAdoptsItsOwnLiveClaims() {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        var claim = claim(contactId, to);
        // a live lease in database time: nobody adopts it
        long live = ledger.claim(claim, instance.id()).orElseThrow();
        recovery.recoverExpiredClaims();
        assertEquals(DispatchStatus.CLAIMED, dispatch(live).status);

        // a claim this instance is working on: its lease is renewed every heartbeat, it outlives its first lease
        String other = TestEvents.newContactId();
        long held = QuarkusTransaction.requiringNew().call(() -> dispatches.claim(claim(other, "whatsapp:" + other),
                instance.id(), Instant.now(), Duration.ofSeconds(1)).orElseThrow());
        instance.hold(held);
        Instant firstLeaseEnd = dispatch(held).leaseUntil;
        try {
            await().atMost(WAIT).until(() -> dispatch(held).leaseUntil.isAfter(firstLeaseEnd.plusSeconds(1)));
            recovery.recoverExpiredClaims();
            assertEquals(DispatchStatus.CLAIMED, dispatch(held).status);
        } finally {
            instance.letGo(held);
        }
        assertThat(FakeTwilio.requestsTo(to), empty());
        assertThat(FakeTwilio.requestsTo("whatsapp:" + other), empty());
        // let go, its lease runs out and it is recovered (nothing was attempted: sent once)
        await().atMost(WAIT).until(() -> dispatch(held).status != DispatchStatus.CLAIMED);
        assertThat(FakeTwilio.requestsTo("whatsapp:" + other), hasSize(1));
    }

    private DispatchRepository.Claim claim(String contactId, String to) {
        long ruleId = QuarkusTransaction.requiringNew().call(() -> rules.findByName(FollowupRule.DEFAULT_NAME).orElseThrow().id);
        UUID window = UUID.randomUUID();
        Instant expiredAt = Instant.now().minusSeconds(60);
        return new DispatchRepository.Claim("recovery:" + window + ":rule:" + ruleId, Dispatch.Kind.FOLLOWUP, window, ruleId,
                null, contactId, new OutboundMessage(to, FakeTwilioResource.FROM, null, FakeTwilioResource.CONTENT_SID,
                        "{\"1\":\"Budi\"}", null, null), expiredAt.minus(Duration.ofHours(24)), expiredAt);
    }

    /** As a killed instance left it: claimed (its lease ran out with it) and attempt 1 recorded, no answer. */
    private long claimByAKilledInstanceWithAnAttemptInFlight(String contactId, String to) {
        UUID killed = UUID.randomUUID();
        var claim = claim(contactId, to);
        return QuarkusTransaction.requiringNew().call(() -> {
            long id = dispatches.claim(claim, killed, Instant.now(), Duration.ofMillis(300)).orElseThrow();
            attempts.start(id, 1, killed, FakeTwilioMessages.TEMPLATE_TEXT.replace("{{1}}", "Budi"));
            return id;
        });
    }

    private static void createAtTheFakeAsTheKilledOwnerDid(String to) throws Exception {
        String base = ConfigProvider.getConfig().getValue("twilio.api-base-url", String.class);
        String form = "To=" + enc(to) + "&From=" + enc(FakeTwilioResource.FROM) + "&ContentSid=" + FakeTwilioResource.CONTENT_SID
                + "&ContentVariables=" + enc("{\"1\":\"Budi\"}");
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + FakeTwilio.MESSAGES_PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (FakeTwilioResource.ACCOUNT_SID + ":" + FakeTwilioResource.AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, answer.statusCode());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Dispatch dispatch(long id) {
        return QuarkusTransaction.requiringNew().call(() -> dispatches.findById(id));
    }
}
