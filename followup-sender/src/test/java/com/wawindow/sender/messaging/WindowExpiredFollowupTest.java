package com.wawindow.sender.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.wawindow.events.ConsentChange;
import com.wawindow.events.Topics;
import com.wawindow.events.WindowExpired;
import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.FakeTwilioResource;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.DispatchStatus;
import com.wawindow.sender.entity.OutboundMessage;
import com.wawindow.sender.entity.FollowupRule;
import com.wawindow.sender.repository.ContactConsentRepository;
import com.wawindow.sender.repository.FollowupRuleRepository;
import com.wawindow.sender.repository.DispatchRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** window-expired on the real broker → the exact request at the fake Twilio, once, classified by its answer. */
@QuarkusTest
class WindowExpiredFollowupTest extends SenderTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    DispatchRepository dispatches;
    @Inject
    ContactConsentRepository consents;
    @Inject
    FollowupRuleRepository rules;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;
    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @BeforeEach
    void twilioAcceptsByDefault() {
        FakeTwilio.acceptAll();
    }

    /**
     * A backlog of closed windows while the database is slow loses none: unbounded, every Quarkus worker thread (up
     * to 200) took a record and asked for one of the pool's 40 connections, and those that waited past the
     * acquisition timeout (5 s) went to the DLQ unsent (system-tests' SystemBenchmark: 418 of 2,000). Here every
     * decision waits 8 s on a lock of the decision table; at most FOLLOWUP_WINDOW_EXPIRED_CONCURRENCY records hold a
     * connection meanwhile, the others wait their turn in the consumer, and every window is followed up once.
     */
    @Test
    void aBacklogOfClosedWindowsWhileTheDatabaseIsSlowIsFollowedUpOnceEachNoneDeadLettered() throws Exception {
        String prefix = "+62877" + (100_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(900_000));
        String to = "To=" + java.net.URLEncoder.encode("whatsapp:" + prefix, java.nio.charset.StandardCharsets.UTF_8);
        int windows = 120;
        try (java.sql.Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            lock.createStatement().execute("lock table followup_window_decision in exclusive mode");
            for (int i = 0; i < windows; i++) {
                TestEvents.publish(Topics.WINDOW_EXPIRED, TestEvents.windowExpired(prefix + String.format("%03d", i), "Budi"));
            }
            Thread.sleep(8_000); // the slow database is the fault: the lock is held this long, whatever happens meanwhile
            lock.rollback();
        }

        java.util.function.Supplier<List<LoggedRequest>> creates = () -> FakeTwilio.client().find(
                postRequestedFor(urlEqualTo(FakeTwilio.MESSAGES_PATH))
                        .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(to)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(windows, creates.get().stream()
                .map(request -> FakeTwilio.form(request).get("To")).distinct().count(), "windows followed up"));
        // and no second create for any of them
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertEquals(Map.of(),
                creates.get().stream().collect(java.util.stream.Collectors.groupingBy(
                        request -> FakeTwilio.form(request).get("To"), java.util.stream.Collectors.counting()))
                        .entrySet().stream().filter(sent -> sent.getValue() > 1)
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                "windows followed up more than once"));
    }

    @Test
    void closedWindowSendsTheConfiguredTemplateOnceWithTheExactFields() {
        String contactId = TestEvents.newContactId();
        WindowExpired event = TestEvents.windowExpired(contactId, "Budi");

        TestEvents.publish(Topics.WINDOW_EXPIRED, event);

        await().atMost(WAIT).until(() -> statusOf(event), equalTo(Optional.of(DispatchStatus.QUEUED)));
        List<LoggedRequest> requests = FakeTwilio.requestsTo("whatsapp:" + contactId);
        assertThat(requests, hasSize(1));
        assertEquals(Map.of(
                "To", "whatsapp:" + contactId,
                "From", FakeTwilioResource.FROM,
                "ContentSid", FakeTwilioResource.CONTENT_SID,
                "ContentVariables", "{\"1\":\"Budi\"}",
                "StatusCallback", FakeTwilioResource.STATUS_CALLBACK), FakeTwilio.form(requests.get(0)));
        FakeTwilio.client().verifyThat(1, postRequestedFor(urlEqualTo(FakeTwilio.MESSAGES_PATH))
                .withBasicAuth(new BasicCredentials(FakeTwilioResource.ACCOUNT_SID, FakeTwilioResource.AUTH_TOKEN))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(
                        "To=whatsapp%3A%2B" + contactId.substring(1))));
        Dispatch dispatch = dispatchFor(event).orElseThrow();
        assertThat(dispatch.twilioMessageSid, startsWith("SM"));
        assertEquals(FakeTwilioResource.CONTENT_SID, dispatch.contentSid);
        assertEquals(contactId, dispatch.contactId);
        given().queryParam("contactId", contactId).when().get("/followups").then().statusCode(200)
                .body("decision", hasItem("SENT"));
    }

    @Test
    void everyFormFieldSentIsDeclaredByTwilioCreateMessage() throws IOException {
        String contactId = TestEvents.newContactId();
        WindowExpired event = TestEvents.windowExpired(contactId, "Sari");
        TestEvents.publish(Topics.WINDOW_EXPIRED, event);
        await().atMost(WAIT).until(() -> FakeTwilio.requestsTo("whatsapp:" + contactId).size() == 1);

        // Twilio's official OpenAPI description (MIT), copied from shared/twilio-oai so a plain clone can run this test
        JsonNode spec;
        try (var in = getClass().getResourceAsStream("/twilio-oai/twilio_api_v2010.json")) {
            spec = new ObjectMapper().readTree(in);
        }
        JsonNode declared = spec.path("paths").path("/2010-04-01/Accounts/{AccountSid}/Messages.json").path("post")
                .path("requestBody").path("content").path("application/x-www-form-urlencoded").path("schema")
                .path("properties");
        Set<String> declaredNames = new HashSet<>();
        declared.fieldNames().forEachRemaining(declaredNames::add);

        Map<String, String> sent = FakeTwilio.form(FakeTwilio.requestsTo("whatsapp:" + contactId).get(0));
        assertTrue(declaredNames.containsAll(Set.of("To", "From", "ContentSid", "ContentVariables", "StatusCallback")),
                "the spec declares the fields the sender uses");
        assertEquals(Set.of("To", "From", "ContentSid", "ContentVariables", "StatusCallback"), sent.keySet());
        for (String field : sent.keySet()) {
            assertTrue(declaredNames.contains(field), field + " is a declared CreateMessage property, same casing");
        }
    }

    @Test
    void aWindowThatOnlyHadADryRunIsFollowedUpOnceCredentialsAreSet() {
        String contactId = TestEvents.newContactId();
        WindowExpired event = TestEvents.windowExpired(contactId, "Adi");
        long ruleId = QuarkusTransaction.requiringNew().call(() -> rules.findByName(FollowupRule.DEFAULT_NAME).orElseThrow().id);
        // as an instance without credentials left it: the window's dispatch key taken by a DRY_RUN row
        QuarkusTransaction.requiringNew().run(() -> {
            long id = dispatches.claim(new DispatchRepository.Claim("followup:" + contactId + ":"
                            + event.lastMessageAt().toEpochMilli() + ":rule:" + ruleId, Dispatch.Kind.FOLLOWUP,
                    event.eventId(), ruleId, null, contactId, new OutboundMessage("whatsapp:" + contactId,
                            FakeTwilioResource.FROM, null, FakeTwilioResource.CONTENT_SID, "{}", null, null)),
                    UUID.randomUUID(), Instant.now()).orElseThrow();
            dispatches.markDryRun(id, Instant.now());
        });

        TestEvents.publish(Topics.WINDOW_EXPIRED, event);

        await().atMost(WAIT).until(() -> statusOf(event), equalTo(Optional.of(DispatchStatus.QUEUED)));
        assertThat("the dry run sent nothing, so the window still gets its follow-up",
                FakeTwilio.requestsTo("whatsapp:" + contactId), hasSize(1));
        assertEquals(false, dispatchFor(event).orElseThrow().dryRun);
    }

    @Test
    void noFullNumberProfileNameOrSecretReachesTheLogsAtInfo() {
        String sent = TestEvents.newContactId();
        String refused = TestEvents.newContactId();
        // Twilio's own text quotes the number it refused
        FakeTwilio.client().register(FakeTwilio.messagesTo("whatsapp:" + refused).willReturn(com.github.tomakehurst.wiremock
                .client.WireMock.aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":21211,\"message\":\"The 'To' number whatsapp:" + refused
                        + " is not a valid phone number.\",\"status\":400}")));
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                // the fake Twilio (WireMock, Jetty) is the test's own tool and quotes the stubs it holds; only the
                // service's and its libraries' lines count
                String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
                boolean fake = logger.startsWith("WireMock") || logger.startsWith("com.github.tomakehurst")
                        || logger.startsWith("wiremock") || logger.startsWith("org.eclipse.jetty");
                if (!fake && record.getLevel().intValue() >= java.util.logging.Level.INFO.intValue()) {
                    String message = record.getParameters() == null || record.getParameters().length == 0
                            ? record.getMessage() : String.format(record.getMessage(), record.getParameters());
                    lines.add(message + (record.getThrown() == null ? "" : " " + record.getThrown()));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        WindowExpired accepted = TestEvents.windowExpired(sent, "Kartika Sari");
        WindowExpired rejected = TestEvents.windowExpired(refused, "Kartika Sari");
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        try {
            TestEvents.publish(Topics.WINDOW_EXPIRED, accepted);
            TestEvents.publish(Topics.WINDOW_EXPIRED, rejected);
            await().atMost(WAIT).until(() -> statusOf(accepted).equals(Optional.of(DispatchStatus.QUEUED))
                    && statusOf(rejected).equals(Optional.of(DispatchStatus.REJECTED)));
            await().atMost(WAIT).until(() -> lines.stream().anyMatch(line -> line.contains("21211")));
        } finally {
            root.removeHandler(capture);
        }
        for (String line : lines) {
            for (String secret : List.of(sent.substring(1), refused.substring(1), "Kartika", FakeTwilioResource.AUTH_TOKEN,
                    "test-admin-key", "test-viewer-key", FakeTwilioResource.TRACKER_API_KEY)) {
                assertTrue(!line.contains(secret), "a log line at INFO or above shows " + secret + ": " + line);
            }
        }
        assertTrue(lines.stream().anyMatch(line -> line.contains(com.wawindow.events.ContactIds.mask(sent))),
                "the flow's own lines were captured (masked)");
        assertEquals("The 'To' number whatsapp:" + com.wawindow.events.ContactIds.mask(refused) + " is not a valid phone number.",
                dispatchFor(rejected).orElseThrow().errorMessage, "the stored error text is masked too");
    }

    @Test
    void aContactWhoSaidStopGetsNothing() {
        String contactId = TestEvents.newContactId();
        TestEvents.publish(Topics.INBOUND_MESSAGES,
                TestEvents.inbound(contactId, "STOP", ConsentChange.OPT_OUT, Instant.now().minus(Duration.ofHours(30))));
        await().atMost(WAIT).until(() -> optedOut(contactId));

        TestEvents.publish(Topics.WINDOW_EXPIRED, TestEvents.windowExpired(contactId, "Dewi"));

        await().atMost(WAIT).untilAsserted(() -> given().queryParam("contactId", contactId).when().get("/followups")
                .then().body("reason", hasItem("contact opted out")));
        assertThat(FakeTwilio.requestsTo("whatsapp:" + contactId), empty());
    }

    @Test
    void rateLimitedThenAcceptedSendsOneMessage() {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        String scenario = "429 then 201 for " + contactId;
        FakeTwilio.client().register(FakeTwilio.messagesTo(to).inScenario(scenario).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(FakeTwilio.error(429, 20429)).willSetStateTo("retried"));
        FakeTwilio.client().register(FakeTwilio.messagesTo(to).inScenario(scenario).whenScenarioStateIs("retried")
                .willReturn(FakeTwilio.created()));
        WindowExpired event = TestEvents.windowExpired(contactId, "Rina");

        TestEvents.publish(Topics.WINDOW_EXPIRED, event);

        await().atMost(WAIT).until(() -> statusOf(event), equalTo(Optional.of(DispatchStatus.QUEUED)));
        assertThat(FakeTwilio.requestsTo(to), hasSize(2));
    }

    @Test
    void anInvalidNumberFailsWithoutRetry() {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        FakeTwilio.client().register(FakeTwilio.messagesTo(to).willReturn(FakeTwilio.error(400, 21211)));
        WindowExpired event = TestEvents.windowExpired(contactId, "Tono");

        TestEvents.publish(Topics.WINDOW_EXPIRED, event);

        await().atMost(WAIT).until(() -> statusOf(event), equalTo(Optional.of(DispatchStatus.REJECTED)));
        assertEquals("21211", dispatchFor(event).orElseThrow().errorCode);
        assertThat(FakeTwilio.requestsTo(to), hasSize(1));
        given().queryParam("contactId", contactId).when().get("/followups").then().body("decision", hasItem("FAILED"));
    }

    @Test
    void anOptOutErrorMarksTheContactOptedOut() {
        String contactId = TestEvents.newContactId();
        FakeTwilio.client().register(FakeTwilio.messagesTo("whatsapp:" + contactId).willReturn(FakeTwilio.error(400, 21610)));
        WindowExpired event = TestEvents.windowExpired(contactId, "Eka");

        TestEvents.publish(Topics.WINDOW_EXPIRED, event);

        await().atMost(WAIT).until(() -> optedOut(contactId));
        assertEquals(DispatchStatus.REJECTED, dispatchFor(event).orElseThrow().status);
    }

    @Test
    void afterTheLastRetryTheEventGoesToTheDeadLetterTopic() {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        // each 503 is outcome-unknown: the list (nothing created) is asked before the next attempt
        FakeTwilio.client().register(FakeTwilio.messagesTo(to).willReturn(FakeTwilio.error(503, 20503)));
        WindowExpired event = TestEvents.windowExpired(contactId, "Wati");

        TestEvents.publish(Topics.WINDOW_EXPIRED, event);

        try (KafkaConsumer<String, byte[]> dlq = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlq-check-" + contactId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            dlq.subscribe(List.of(Topics.WINDOW_EXPIRED_DLQ));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, byte[]> record : dlq.poll(Duration.ofMillis(500))) {
                    if (contactId.equals(record.key())) {
                        return true;
                    }
                }
                return false;
            });
        }
        assertEquals(DispatchStatus.GAVE_UP, dispatchFor(event).orElseThrow().status);
        assertThat(FakeTwilio.requestsTo(to), hasSize(4)); // FOLLOWUP_MAX_ATTEMPTS=4 in the test profile
    }

    @Test
    void statusCallbacksOnlyMoveForward() {
        // two contacts: two windows of one contact a few milliseconds apart would be one window (max per window)
        String contactId = TestEvents.newContactId();
        WindowExpired first = TestEvents.windowExpired(contactId, "Lia");
        WindowExpired second = TestEvents.windowExpired(TestEvents.newContactId(), "Lia");
        TestEvents.publish(Topics.WINDOW_EXPIRED, first);
        TestEvents.publish(Topics.WINDOW_EXPIRED, second);
        await().atMost(WAIT).until(() -> sidOf(first).isPresent() && sidOf(second).isPresent());
        String sid = sidOf(first).orElseThrow();

        TestEvents.publish(Topics.MESSAGE_STATUS, TestEvents.status(contactId, sid, "read", null));
        TestEvents.publish(Topics.MESSAGE_STATUS, TestEvents.status(contactId, sid, "delivered", null));
        org.apache.kafka.clients.producer.RecordMetadata stale = com.wawindow.sender.SenderKafka.publish(
                Topics.MESSAGE_STATUS, TestEvents.status(contactId, sid, "sent", null));
        TestEvents.publish(Topics.MESSAGE_STATUS, TestEvents.status(second.contactId(), sidOf(second).orElseThrow(),
                "undelivered", "63016"));

        await().atMost(WAIT).until(() -> statusOf(second), equalTo(Optional.of(DispatchStatus.UNDELIVERED)));
        // once the group committed past the last stale callback, all of them were applied (or ignored)
        com.wawindow.sender.SenderKafka.awaitCommitted("followup-sender-status", stale, WAIT);
        assertEquals(DispatchStatus.READ, dispatchFor(first).orElseThrow().status);
        assertEquals("63016", dispatchFor(second).orElseThrow().errorCode);
    }

    private Optional<String> sidOf(WindowExpired event) {
        return dispatchFor(event).map(d -> d.twilioMessageSid);
    }

    private boolean optedOut(String contactId) {
        return QuarkusTransaction.requiringNew().call(() -> consents.isOptedOut(contactId));
    }

    private Optional<DispatchStatus> statusOf(WindowExpired event) {
        return dispatchFor(event).map(d -> d.status);
    }

    private Optional<Dispatch> dispatchFor(WindowExpired event) {
        return QuarkusTransaction.requiringNew().call(
                () -> dispatches.find("windowEventId", event.eventId()).firstResultOptional());
    }
}
