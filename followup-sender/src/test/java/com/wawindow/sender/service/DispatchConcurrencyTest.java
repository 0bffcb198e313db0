package com.wawindow.sender.service;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.wawindow.sender.FakeTwilio;
import com.wawindow.sender.FakeTwilioResource;
import com.wawindow.sender.SenderTestBase;
import com.wawindow.sender.TestEvents;
import com.wawindow.sender.entity.OutboundMessage;
import com.wawindow.sender.client.RateWindows;
import com.wawindow.sender.client.TwilioMessages;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.repository.DispatchRepository;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two dispatchers racing for one key make one Twilio call; a burst never beats FOLLOWUP_MAX_MPS at the fake. */
@QuarkusTest
class DispatchConcurrencyTest extends SenderTestBase {

    @Inject
    Dispatcher dispatcher;
    @Inject
    TwilioMessages twilio;

    /** Its own: run alone, the burst found no create stub (another class had registered it in a full run). */
    @BeforeEach
    void twilioAcceptsByDefault() {
        FakeTwilio.acceptAll();
    }

    @Test
    void twoInstancesClaimingTheSameWindowMakeOneCall() throws Exception {
        String contactId = TestEvents.newContactId();
        String to = "whatsapp:" + contactId;
        // slow answers keep the first call in flight while the second claimant arrives
        FakeTwilio.client().register(FakeTwilio.messagesTo(to).willReturn(FakeTwilio.created().withFixedDelay(300)));
        UUID window = UUID.randomUUID();
        var claim = new DispatchRepository.Claim("window:" + window + ":rule:1", Dispatch.Kind.FOLLOWUP, window, null, null,
                contactId, new OutboundMessage(to, FakeTwilioResource.FROM, null, FakeTwilioResource.CONTENT_SID,
                        "{\"1\":\"Budi\"}", null, null));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<DispatchResult>> outcomes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    return dispatcher.dispatch(claim);
                }));
            }
            start.countDown();
            int sent = 0;
            int duplicates = 0;
            for (Future<DispatchResult> outcome : outcomes) {
                DispatchResult result = outcome.get(30, TimeUnit.SECONDS);
                sent += result instanceof DispatchResult.Sent ? 1 : 0;
                duplicates += result instanceof DispatchResult.Duplicate ? 1 : 0;
            }
            assertEquals(1, sent);
            assertEquals(3, duplicates);
        } finally {
            pool.shutdownNow();
        }
        assertThat(FakeTwilio.requestsTo(to), hasSize(1));
    }

    @Test
    void aBurstOfOneThousandNeverExceedsEightyInAnySecondAtTheFake() throws Exception {
        String prefix = "+62999" + (10 + (int) (Math.random() * 89));
        ExecutorService pool = Executors.newFixedThreadPool(32);
        long started = System.nanoTime();
        try {
            List<Callable<TwilioMessages.Accepted>> sends = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String to = "whatsapp:" + prefix + String.format("%05d", i);
                sends.add(() -> twilio.send(new OutboundMessage(to, FakeTwilioResource.FROM, null,
                        FakeTwilioResource.CONTENT_SID, "{}", null, null)));
            }
            for (Future<TwilioMessages.Accepted> sent : pool.invokeAll(sends)) {
                sent.get();
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        List<LoggedRequest> requests = FakeTwilio.client().find(postRequestedFor(urlEqualTo(FakeTwilio.MESSAGES_PATH))
                .withRequestBody(containing("To=whatsapp%3A%2B" + prefix.substring(1))));
        assertThat(requests, hasSize(1000));
        int maxInOneSecond = RateWindows.maxInAnySecond(requests.stream().map(r -> r.getLoggedDate().getTime()).toList());
        System.out.printf("burst of 1000 at FOLLOWUP_MAX_MPS=80: %.1f s, %.1f msg/s, max %d in any 1-s window at the fake%n",
                seconds, 1000 / seconds, maxInOneSecond);
        assertThat(maxInOneSecond, lessThanOrEqualTo(80));
        assertThat(1000 / seconds, greaterThan(56.0)); // 64 planned: 80 x HEADROOM
    }
}
