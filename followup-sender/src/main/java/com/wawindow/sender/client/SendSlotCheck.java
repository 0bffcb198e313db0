package com.wawindow.sender.client;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.impl.io.DefaultHttpRequestWriterFactory;
import org.apache.hc.core5.http.io.HttpMessageWriter;
import org.apache.hc.core5.http.io.HttpMessageWriterFactory;
import org.apache.hc.core5.http.io.SessionOutputBuffer;

/**
 * The send budget's last check, in the HTTP client's chain just before the request takes its connection (the pool
 * lease and, for a new connection, the connect and TLS handshake come after it): a request whose slot passed more
 * than the budget's tolerance ago is not sent. A stall between {@link SendRateLimiter#acquire(String)} and here (a GC
 * pause, a starved thread on a loaded machine) would otherwise release several requests of consecutive slots at once
 * and put more than the budget into one second at Twilio. Nothing has been written, nor a connection taken, when it
 * refuses, so the caller takes a new slot and sends again. The connect is left after the check on purpose: a TLS
 * handshake with Twilio takes longer than the tolerance, and a check after it would refuse every first request of a
 * new connection.
 * <p>
 * On a connection that already carried a request (keep-alive: nearly every send), the check is made once more as the
 * request line is written ({@link #requestWriters()}): the pool lease and the rest of the chain lie between the two,
 * and a thread descheduled there on a loaded machine would otherwise still release its request together with the
 * next ones. A request refused there has written nothing either; the client closes that connection, the next request
 * opens a new one.
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
        refuseIfPassed();
        return chain.proceed(request, scope);
    }

    /**
     * Request writers that make the check again as a request goes onto a connection that carried one before; a
     * connection's first request was checked before its connect, which may rightly take longer than the tolerance.
     */
    static HttpMessageWriterFactory<ClassicHttpRequest> requestWriters() {
        return () -> new HttpMessageWriter<>() {
            private final HttpMessageWriter<ClassicHttpRequest> writer = DefaultHttpRequestWriterFactory.INSTANCE.create();
            private boolean carriedOne;

            @Override
            public void write(ClassicHttpRequest request, SessionOutputBuffer buffer, OutputStream out)
                    throws IOException, HttpException {
                if (carriedOne) {
                    refuseIfPassed();
                }
                carriedOne = true;
                writer.write(request, buffer, out);
            }
        };
    }

    private static void refuseIfPassed() throws SlotPassed {
        Long slot = SLOT.get();
        if (slot != null && !SendRateLimiter.onTime(slot)) {
            throw new SlotPassed();
        }
    }
}
