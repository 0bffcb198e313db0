package com.wawindow.sender.service;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpired;
import com.wawindow.events.serde.EventSerializer;
import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.FakeTwilioMessages;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import com.wawindow.sender.entity.DispatchStatus;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Create Message has no idempotency key: an attempt whose answer was lost is reconciled with List Messages before any
 * new attempt. Counted at the fake Twilio (the creates it answered and the messages it remembers), end to end from
 * window-expired on the real broker. Test profile: read timeout 3 s, short backoffs, 4 attempts.
 */
@QuarkusTest
class OutcomeUnknownSendTest extends SenderTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void twilioAcceptsAndListsByDefault() {
        FakeTwilio.acceptAll();
    }

    @Test
    void acceptedThenDroppedIsFoundInTheListAndNeverSentTwice() {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        FakeTwilio.client().register(FakeTwilio.messagesTo(to).willReturn(FakeTwilio.createdThen("drop")));
        WindowExpired event = TestEvents.windowExpired(contactId, "Budi");

        TestEvents.publish(Topics.WINDOW_EXPIRED, event);

        await().atMost(WAIT).until(() -> statusOf(event), equalsTo(DispatchStatus.SENT));
        assertThat("one create reached the fake", FakeTwilio.requestsTo(to), hasSize(1));
        List<FakeTwilioMessages.Created> created = FakeTwilioMessages.createdTo(to);
        assertThat(created, hasSize(1));
        assertEquals(created.get(0).sid(), dispatchFor(event).orElseThrow().twilioMessageSid, "the fake's SID recorded");
        given().queryParam("contactId", contactId).when().get("/followups").then().statusCode(200)
                .body("find { it.decision == 'SENT' }.attempts.outcome", org.hamcrest.Matchers.equalTo(List.of("FOUND")))
                .body("find { it.decision == 'SENT' }.attempts[0].messageSid",
                        org.hamcrest.Matchers.equalTo(created.get(0).sid()));
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutIsFoundInTheList() {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        FakeTwilio.client().register(FakeTwilio.messagesTo(to)
                .willReturn(FakeTwilio.createdThen("slow").withTransformerParameter("delayMs", 4000)));
        WindowExpired event = TestEvents.windowExpired(contactId, "Sari");

        TestEvents.publish(Topics.WINDOW_EXPIRED, event);

        await().atMost(WAIT).until(() -> statusOf(event), equalsTo(DispatchStatus.SENT));
        assertThat(FakeTwilio.requestsTo(to), hasSize(1));
        assertEquals(FakeTwilioMessages.createdTo(to).get(0).sid(), dispatchFor(event).orElseThrow().twilioMessageSid);
    }

    @Test
    void aServerErrorWithoutCreationIsLookedUpThenSentExactlyOnceMore() {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        FakeTwilio.firstAnswerThenCreated(to, FakeTwilio.error(500, 20500));
        WindowExpired event = TestEvents.windowExpired(contactId, "Rina");

        TestEvents.publish(Topics.WINDOW_EXPIRED, event);

        await().atMost(WAIT).until(() -> statusOf(event), equalsTo(DispatchStatus.QUEUED));
        assertThat(FakeTwilio.requestsTo(to), hasSize(2));
        assertThat(FakeTwilioMessages.createdTo(to), hasSize(1));
        assertTrue(lookups(to) >= 1, "the list was asked before the second create");
        given().queryParam("contactId", contactId).when().get("/followups").then()
                .body("find { it.decision == 'SENT' }.attempts.outcome", org.hamcrest.Matchers.equalTo(List.of("ABSENT", "CREATED")))
                .body("find { it.decision == 'SENT' }.attempts[0].httpStatus", org.hamcrest.Matchers.equalTo(500))
                .body("find { it.decision == 'SENT' }.attempts[0].errorCode", org.hamcrest.Matchers.equalTo("20500"));
    }

    @Test
    void rateLimitedIsRetriedWithoutALookup() {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        FakeTwilio.firstAnswerThenCreated(to, FakeTwilio.error(429, 20429));
        WindowExpired event = TestEvents.windowExpired(contactId, "Tono");

        TestEvents.publish(Topics.WINDOW_EXPIRED, event);

        await().atMost(WAIT).until(() -> statusOf(event), equalsTo(DispatchStatus.QUEUED));
        assertThat(FakeTwilio.requestsTo(to), hasSize(2));
        assertEquals(0, lookups(to), "429 means not created: no lookup needed");
    }

    @Test
    void whileTheListCannotBeReadNothingIsCreatedAgain() {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        var failingCreate = FakeTwilio.client().register(FakeTwilio.messagesTo(to).willReturn(FakeTwilio.error(503, 20503)));
        var failingList = FakeTwilio.client().register(get(urlPathEqualTo(FakeTwilio.MESSAGES_PATH)).atPriority(1)
                .withQueryParam("To", equalTo(to)).willReturn(FakeTwilio.error(500, 20500)));
        WindowExpired event = TestEvents.windowExpired(contactId, "Dewi");

        TestEvents.publish(Topics.WINDOW_EXPIRED, event);

        // in-process lookups, then the claim is given back and recovery passes keep asking
        await().atMost(WAIT).until(() -> lookups(to) >= 5);
        assertThat("no second create while the outcome is unknown", FakeTwilio.requestsTo(to), hasSize(1));
        assertEquals(Optional.of(DispatchStatus.CLAIMED), statusOf(event));

        FakeTwilio.client().removeStubMapping(failingList);
        FakeTwilio.client().removeStubMapping(failingCreate);
        await().atMost(WAIT).until(() -> statusOf(event), equalsTo(DispatchStatus.QUEUED));
        assertThat("provably absent, then exactly one more create", FakeTwilio.requestsTo(to), hasSize(2));
        assertThat(FakeTwilioMessages.createdTo(to), hasSize(1));
    }

    @Test
    void aRedeliveredWindowExpiredChangesNothingAuditIncluded() throws Exception {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        WindowExpired event = TestEvents.windowExpired(contactId, "Ayu");
        TestEvents.publish(Topics.WINDOW_EXPIRED, event);
        await().atMost(WAIT).until(() -> statusOf(event), equalsTo(DispatchStatus.QUEUED));
        List<Object> auditBefore = given().queryParam("contactId", contactId).when().get("/followups").then()
                .statusCode(200).extract().path("");

        RecordMetadata redelivered = publishAgain(event);
        awaitConsumed(redelivered);

        List<Object> auditAfter = given().queryParam("contactId", contactId).when().get("/followups").then()
                .statusCode(200).extract().path("");
        assertEquals(auditBefore, auditAfter, "the audit is unchanged by the redelivery");
        assertEquals(List.of("SENT", "CLAIMED"), auditAfter.stream().map(e -> ((Map<?, ?>) e).get("decision")).toList());
        assertThat(FakeTwilio.requestsTo(to), hasSize(1));
    }

    private RecordMetadata publishAgain(WindowExpired event) throws Exception {
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new EventSerializer<>())) {
            return producer.send(new ProducerRecord<>(Topics.WINDOW_EXPIRED, event.contactId(), event)).get();
        }
    }

    /** The sender's group committed past the record: it was processed. */
    private void awaitConsumed(RecordMetadata record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            await().atMost(WAIT).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("followup-sender")
                        .partitionsToOffsetAndMetadata().get();
                OffsetAndMetadata offset = committed.get(partition);
                return offset != null && offset.offset() > record.offset();
            });
        }
    }

    private static int lookups(String to) {
        return FakeTwilio.client().find(getRequestedFor(urlPathEqualTo(FakeTwilio.MESSAGES_PATH))
                .withQueryParam("To", equalTo(to))).size();
    }

    private static org.hamcrest.Matcher<Optional<DispatchStatus>> equalsTo(DispatchStatus status) {
        return org.hamcrest.Matchers.equalTo(Optional.of(status));
    }

}
