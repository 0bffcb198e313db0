package com.wawindow.sender.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.wawindow.events.ConsentChange;
import com.wawindow.events.Topics;
import com.wawindow.infra.OwnDatabase;
import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.OwnDatabaseResource;
import com.wawindow.sender.SenderKafka;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL (this test's own, {@link OwnDatabase}) stopped for ~10 s while a STOP and a closed window arrive: readiness
 * goes DOWN, the scheduled jobs pause, the consumers wait instead of dead-lettering or committing, and once the
 * database is back the STOP is applied (that contact gets no follow-up when its window closes), the window that closed
 * during the outage gets exactly one, nothing is in a DLQ and readiness is UP again.
 */
@QuarkusTest
@TestProfile(OwnDatabaseResource.Profile.class)
class DatabaseOutageTest extends SenderTestBase {

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration WAIT = Duration.ofSeconds(40);

    @Inject
    Scheduler scheduler;

    @Test
    void aDatabaseOutageIsAWaitNotALoss() throws Exception {
        assertEquals(OwnDatabase.jdbcUrl(OwnDatabaseResource.NAME),
                ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class),
                "the application under test uses this test's own database");
        FakeTwilio.acceptAll();
        String stopper = TestEvents.newContactId();
        String closing = TestEvents.newContactId();
        given().get("/q/health/ready").then().statusCode(200);

        Instant outageStarted = Instant.now();
        OwnDatabase.stop(OwnDatabaseResource.NAME);
        RecordMetadata stop;
        try {
            await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
            stop = SenderKafka.publish(Topics.INBOUND_MESSAGES,
                    TestEvents.inbound(stopper, "STOP", ConsentChange.OPT_OUT, Instant.now()));
            SenderKafka.publish(Topics.WINDOW_EXPIRED, TestEvents.windowExpired(closing, "Budi"));
            await().atMost(WAIT).until(() -> scheduler.getScheduledJobs().stream()
                    .anyMatch(job -> scheduler.isPaused(job.getId())));
            long paused = scheduler.getScheduledJobs().stream().filter(job -> scheduler.isPaused(job.getId())).count();
            await().pollDelay(OUTAGE.minus(Duration.between(outageStarted, Instant.now()))).atMost(OUTAGE).until(() -> true);
            assertEquals(0, FakeTwilio.requestsTo("whatsapp:" + closing).size(), "nothing can be claimed meanwhile");
            given().get("/q/health/ready").then().statusCode(503);
            System.out.printf("during the outage: readiness DOWN, %d scheduled jobs paused%n", paused);
        } finally {
            OwnDatabase.start(OwnDatabaseResource.NAME);
        }
        System.out.printf("database outage: %d s%n", Duration.between(outageStarted, Instant.now()).toSeconds());

        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        await().atMost(WAIT).until(() -> FakeTwilio.requestsTo("whatsapp:" + closing).size() == 1);
        SenderKafka.awaitCommitted("followup-sender-inbound", stop, WAIT);
        SenderKafka.publish(Topics.WINDOW_EXPIRED, TestEvents.windowExpired(stopper, "Budi"));
        await().atMost(WAIT).untilAsserted(() -> given().get("/followups?contactId={id}", stopper).then()
                .body("reason", hasItem("contact opted out")));
        assertEquals(0, FakeTwilio.requestsTo("whatsapp:" + stopper).size(), "the STOP of the outage was applied");
        assertEquals(1, FakeTwilio.requestsTo("whatsapp:" + closing).size(), "one follow-up for the window of the outage");
        await().atMost(WAIT).until(() -> scheduler.getScheduledJobs().stream()
                .noneMatch(job -> scheduler.isPaused(job.getId())));
        for (String dlq : List.of(Topics.WINDOW_EXPIRED_DLQ, Topics.INBOUND_MESSAGES_DLQ)) {
            for (String contact : List.of(stopper, closing)) {
                assertEquals(List.of(), SenderKafka.records(dlq, contact), "a database outage sends nothing to " + dlq);
            }
        }
        given().get("/q/health/live").then().statusCode(200);
    }
}
