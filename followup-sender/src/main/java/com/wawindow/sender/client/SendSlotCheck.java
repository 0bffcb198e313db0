package com.wawindow.sender.client;

import java.io.IOException;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;

/**
 * The send budget's last check, in the HTTP client's chain just before the request takes its connection (the pool
 * lease and, for a new connection, the connect and TLS handshake come after it): a request whose slot passed more
 * than the budget's tolerance ago is not sent. A stall between {@link SendRateLimiter#acquire(String)} and here (a GC
 * pause, a starved thread on a loaded machine) would otherwise release several requests of consecutive slots at once
 * and put more than the budget into one second at Twilio. Nothing has been written, nor a connection taken, when it
 * refuses, so the caller takes a new slot and sends again. The connect is left after the check on purpose: a TLS
 * handshake with Twilio takes longer than the tolerance, and a check after it would refuse every first request of a
 * new connection.
 */
final class SendSlotCheck implements ExecChainHandler {

    /** The slot the sending thread holds, as a local nanoTime; none for requests outside the budget (reads). */
    private static final ThreadLocal<Long> SLOT = new ThreadLocal<>();

    /** Thrown, before anything is written, for a request whose slot passed. */
    static final class SlotPassed extends IOException {
        SlotPassed() {
            super("the send slot passed before the request reached its connection; not sent");
        }
    }

    /** The calling thread's next request goes out only while {@code slot} is on time; close after the request. */
    static Held hold(long slot) {
        SLOT.set(slot);
        return SLOT::remove;
    }

    /** A held slot, released by {@link #close()}. */
    @FunctionalInterface
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        Long slot = SLOT.get();
        if (slot != null && !SendRateLimiter.onTime(slot)) {
            throw new SlotPassed();
        }
        return chain.proceed(request, scope);
    }
}
