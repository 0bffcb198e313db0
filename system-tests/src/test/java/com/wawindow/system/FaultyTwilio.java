package com.wawindow.system;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The fake Twilio's Messages create (POST .../Messages.json), told what to do with the next creates: drop the
 * connection after accepting the message (it is created, as at Twilio, and List Messages shows it, but the caller
 * never gets the answer), answer 5xx (nothing created), or answer slowly. Every message it created is recorded
 * here: that ledger is what the fault suite counts, never the services' own tables.
 */
final class FaultyTwilio implements ResponseDefinitionTransformerV2 {

    static final String NAME = "faulty-create";

    /** What happened to one create. */
    enum Answer { CREATED, CREATED_SLOWLY, CREATED_BUT_DROPPED, SERVER_ERROR }

    /** A create as the fake saw it; {@code to} as sent ({@code whatsapp:+...}). */
    record Create(String to, String contentSid, Instant at, Answer answer) {
        boolean created() {
            return answer != Answer.SERVER_ERROR;
        }
    }

    private final ConcurrentLinkedQueue<Create> ledger = new ConcurrentLinkedQueue<>();
    private final AtomicInteger dropNext = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger slowNext = new AtomicInteger();
    private volatile Duration slowness = Duration.ZERO;

    /** The next {@code count} creates are accepted, then the connection is reset before the answer. */
    void dropNext(int count) {
        dropNext.set(count);
    }

    /** The next {@code count} creates are answered 503, creating nothing. */
    void failNext(int count) {
        failNext.set(count);
    }

    /** The next {@code count} creates are answered after {@code delay}. */
    void slowNext(int count, Duration delay) {
        slowness = delay;
        slowNext.set(count);
    }

    /** How many of the faults asked for are still to be served. */
    int faultsPending() {
        return Math.max(0, dropNext.get()) + Math.max(0, failNext.get()) + Math.max(0, slowNext.get());
    }

    List<Create> ledger() {
        return List.copyOf(ledger);
    }

    /** Messages created per recipient ({@code whatsapp:+...}). */
    Map<String, Long> createdPerRecipient() {
        return ledger.stream().filter(Create::created)
                .collect(Collectors.groupingBy(Create::to, Collectors.counting()));
    }

    Map<Answer, Long> answers() {
        return ledger.stream().collect(Collectors.groupingBy(Create::answer, Collectors.counting()));
    }

    @Override
    public ResponseDefinition transform(ServeEvent create) {
        Map<String, String> form = RunningSystem.form(create.getRequest());
        ResponseDefinition normal = create.getResponseDefinition();
        Answer answer;
        ResponseDefinition definition;
        if (take(failNext)) {
            answer = Answer.SERVER_ERROR;
            definition = new ResponseDefinitionBuilder().withStatus(503).withHeader("Content-Type", "application/json")
                    .withBody("{\"code\":20503,\"message\":\"Service Unavailable\",\"more_info\":"
                            + "\"https://www.twilio.com/docs/errors/20503\",\"status\":503}").build();
        } else if (take(dropNext)) {
            answer = Answer.CREATED_BUT_DROPPED;
            definition = ResponseDefinitionBuilder.like(normal).but().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        } else if (take(slowNext)) {
            answer = Answer.CREATED_SLOWLY;
            definition = ResponseDefinitionBuilder.like(normal).but().withFixedDelay((int) slowness.toMillis()).build();
        } else {
            answer = Answer.CREATED;
            definition = normal;
        }
        ledger.add(new Create(form.get("To"), form.get("ContentSid"), create.getRequest().getLoggedDate().toInstant(),
                answer));
        return definition;
    }

    private static boolean take(AtomicInteger pending) {
        return pending.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
