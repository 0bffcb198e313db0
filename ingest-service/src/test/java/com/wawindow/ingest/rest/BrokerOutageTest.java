package com.wawindow.ingest.rest;

import static com.wawindow.ingest.support.WebhookClient.WHATSAPP;
import static com.wawindow.ingest.support.WebhookClient.postSigned;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.InboundMessageReceived;
import com.wawindow.events.Topics;
import com.wawindow.events.serde.EventDeserializer.InboundMessageReceivedDeserializer;
import com.wawindow.infra.OwnBrokerTestResource;
import com.wawindow.infra.OwnBrokerTestResource.OwnedBroker;
import com.wawindow.ingest.support.Form;
import com.wawindow.ingest.support.TopicReader;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away while Twilio keeps calling: webhooks get 503 with Retry-After (never 2xx), readiness goes
 * down, and after the broker is back every webhook that got 200 is on the topic. The broker it stops is its own
 * (a process started for this class), never the one the other tests share.
 */
@QuarkusTest
@WithTestResource(OwnBrokerTestResource.class)
class BrokerOutageTest {

    private static final int SENDERS = 4;

    /** Injected by {@link OwnBrokerTestResource}. */
    OwnedBroker own;

    @Test
    void webhooksAre503WhileTheBrokerIsDownAndEvery200IsOnTheTopic() throws Exception {
        Assumptions.assumeTrue(own != null && own.available(),
                () -> own == null ? "no broker of its own was injected" : own.reason());
        Map<String, Integer> statusBySid = new ConcurrentHashMap<>();
        Set<String> without503Problem = ConcurrentHashMap.newKeySet();
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        for (int i = 0; i < SENDERS; i++) {
            int sender = i;
            senders.submit(() -> {
                while (sending.get()) {
                    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
                    HttpResponse<String> response = postSigned(WHATSAPP,
                            Form.whatsapp(sid, "62812555000" + sender, "during outage"));
                    statusBySid.put(sid, response.statusCode());
                    if (response.statusCode() == 503 && (response.headers().firstValue("Retry-After").isEmpty()
                            || !response.body().contains("\"type\":\"https://wawindow.dev/problems/broker-unavailable\""))) {
                        without503Problem.add(sid);
                    }
                }
                return null;
            });
        }
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> count(statusBySid, 200) >= 20);
            own.stop();
            await().atMost(Duration.ofSeconds(60)).until(() -> count(statusBySid, 503) >= 8);
            await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 503);
        } finally {
            if (!own.broker().isAlive()) {
                own.start();
            }
        }
        long okBeforeRestart = count(statusBySid, 200);
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> count(statusBySid, 200) >= okBeforeRestart + 20);
        } finally {
            sending.set(false);
            senders.shutdown();
            assertTrue(senders.awaitTermination(30, TimeUnit.SECONDS));
        }

        Map<Integer, Long> byStatus = statusBySid.values().stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        System.out.printf("broker outage: responses by status %s%n", byStatus);
        assertEquals(Set.of(200, 503), byStatus.keySet(), "only 200 and 503 are answers to a genuine webhook");
        assertEquals(Set.of(), without503Problem, "503s without Retry-After or the broker-unavailable problem");
        await().atMost(Duration.ofSeconds(30)).until(() -> given().get("/q/health/ready").statusCode() == 200);

        Set<String> accepted = statusBySid.entrySet().stream().filter(e -> e.getValue() == 200)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        try (var reader = new TopicReader<>(own.bootstrapServers(), Topics.INBOUND_MESSAGES,
                new InboundMessageReceivedDeserializer())) {
            List<String> onTopic = reader.awaitMatching(r -> accepted.contains(r.value().messageSid()), accepted.size())
                    .stream().map(r -> r.value().messageSid()).toList();
            Set<String> missing = new HashSet<>(accepted);
            onTopic.forEach(missing::remove);
            assertEquals(Set.of(), missing, "webhooks answered 200 but not on the topic");
        }
    }

    private static long count(Map<String, Integer> statusBySid, int status) {
        return statusBySid.values().stream().filter(s -> s == status).count();
    }
}
