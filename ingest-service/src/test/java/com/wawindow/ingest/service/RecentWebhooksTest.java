package com.wawindow.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Twilio's retries of one webhook share its one publication; only a refused publication is tried again. */
class RecentWebhooksTest {

    private final RecentWebhooks recent = new RecentWebhooks(100);
    private final AtomicInteger sends = new AtomicInteger();
    private CompletableFuture<Void> broker = new CompletableFuture<>();

    private final Supplier<Uni<Void>> publish = () -> {
        sends.incrementAndGet();
        CompletableFuture<Void> ack = broker;
        return Uni.createFrom().completionStage(ack);
    };

    @Test
    void aRetryWhileTheBrokerHasNotAcknowledgedWaitsForTheSameSendAndBothSucceedOnItsAck() {
        RecentWebhooks.Joined first = recent.join("inbound:SM1", "token-1", publish);
        UniAssertSubscriber<Void> firstAttempt = first.acknowledged().subscribe().withSubscriber(UniAssertSubscriber.create());
        firstAttempt.cancel(); // its 503: the caller stops waiting, the send goes on
        RecentWebhooks.Joined retry = recent.join("inbound:SM1", "token-1", publish);
        UniAssertSubscriber<Void> retried = retry.acknowledged().subscribe().withSubscriber(UniAssertSubscriber.create());

        assertFalse(first.retry());
        assertTrue(retry.retry());
        retried.assertNotTerminated();
        broker.complete(null); // the broker wakes up
        retried.assertCompleted();
        assertEquals(1, sends.get(), "one record on the topic for both attempts");
    }

    @Test
    void aRetryAfterTheAcknowledgementIsAnsweredWithoutASecondSend() {
        broker.complete(null);
        recent.join("inbound:SM2", null, publish).acknowledged().await().indefinitely();
        RecentWebhooks.Joined retry = recent.join("inbound:SM2", null, publish);
        retry.acknowledged().await().indefinitely();
        assertTrue(retry.retry());
        assertEquals(1, sends.get());
    }

    @Test
    void anAcknowledgedWebhookIsRememberedWithoutItsPayload() throws InterruptedException {
        broker.complete(null);
        java.util.List<java.lang.ref.WeakReference<byte[]>> held = new java.util.ArrayList<>();
        recent.join("inbound:SM5", "token-5", capturing(held)).acknowledged().await().indefinitely();
        for (int i = 0; i < 20 && held.get(0).get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(held.get(0).get() == null, "the acknowledged publication no longer holds what it published");
        RecentWebhooks.Joined retry = recent.join("inbound:SM5", "token-5", publish);
        retry.acknowledged().await().indefinitely();
        assertTrue(retry.retry(), "the retry is still known and answered at once");
        assertEquals(1, sends.get());
    }

    /** A publication that holds 1 MiB, as the real one holds its webhook; {@code held} learns when it is collected. */
    private Supplier<Uni<Void>> capturing(java.util.List<java.lang.ref.WeakReference<byte[]>> held) {
        byte[] webhook = new byte[1 << 20];
        held.add(new java.lang.ref.WeakReference<>(webhook));
        return () -> {
            sends.addAndGet(webhook.length > 0 ? 1 : 0);
            return Uni.createFrom().completionStage(broker);
        };
    }

    @Test
    void aRefusedPublicationIsTriedAgainByTheNextAttempt() {
        broker.completeExceptionally(new IllegalStateException("not leader"));
        UniAssertSubscriber<Void> first = recent.join("inbound:SM3", "token-3", publish).acknowledged()
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        first.assertFailedWith(IllegalStateException.class);
        broker = new CompletableFuture<>();
        broker.complete(null);
        RecentWebhooks.Joined retry = recent.join("inbound:SM3", "token-3", publish);
        retry.acknowledged().await().indefinitely();
        assertFalse(retry.retry(), "nothing of the refused attempt is joined");
        assertEquals(2, sends.get());
    }

    @Test
    void theIdempotencyTokenJoinsOnlyTheSameMessage() {
        broker.complete(null);
        recent.join("inbound:SM4", "token-4", publish).acknowledged().await().indefinitely();
        RecentWebhooks.Joined sameToken = recent.join("inbound:SM5", "token-4", publish);
        sameToken.acknowledged().await().indefinitely();
        assertFalse(sameToken.retry(), "another MessageSid is another message, whatever the token says");
        assertEquals(2, sends.get());
    }

    @Test
    void onlyTheMostRecentWebhooksAreRemembered() {
        RecentWebhooks small = new RecentWebhooks(2);
        broker.complete(null);
        // two webhooks, each under up to two keys (MessageSid and token): four keys
        for (String sid : new String[] {"SMa", "SMb", "SMc", "SMd", "SMe"}) {
            small.join("inbound:" + sid, null, publish).acknowledged().await().indefinitely();
        }
        assertTrue(small.join("inbound:SMe", null, publish).retry());
        assertFalse(small.join("inbound:SMa", null, publish).retry(), "the oldest was forgotten");
    }
}
