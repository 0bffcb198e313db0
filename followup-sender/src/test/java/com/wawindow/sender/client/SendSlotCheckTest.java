package com.wawindow.sender.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.impl.io.SessionOutputBufferImpl;
import org.apache.hc.core5.http.io.HttpMessageWriter;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.junit.jupiter.api.Test;

/**
 * The check as a request goes onto a connection: one connection's writer, fed the way the client feeds it. The first
 * request of a connection was checked before its connect and is written whatever its slot; a later one whose slot
 * passed since is refused before a byte reaches the connection.
 */
class SendSlotCheckTest {

    @Test
    void aRequestWhoseSlotPassedIsNotWrittenOnAConnectionThatCarriedOne() throws Exception {
        HttpMessageWriter<ClassicHttpRequest> writer = SendSlotCheck.requestWriters().create();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SessionOutputBufferImpl buffer = new SessionOutputBufferImpl(8192);
        long passed = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(200);

        try (SendSlotCheck.Held held = SendSlotCheck.hold(passed)) {
            writer.write(request("/first"), buffer, wire);
            buffer.flush(wire);
            int afterFirst = wire.size();
            assertTrue(new String(wire.toByteArray(), StandardCharsets.US_ASCII).startsWith("POST /first"),
                    "a connection's first request goes: its connect was after the check");

            assertThrows(SendSlotCheck.SlotPassed.class, () -> writer.write(request("/second"), buffer, wire));
            buffer.flush(wire);
            assertEquals(afterFirst, wire.size(), "nothing of the refused request was written");
        }
    }

    @Test
    void onTimeOrWithoutASlotEveryRequestIsWritten() throws Exception {
        HttpMessageWriter<ClassicHttpRequest> writer = SendSlotCheck.requestWriters().create();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        SessionOutputBufferImpl buffer = new SessionOutputBufferImpl(8192);

        try (SendSlotCheck.Held held = SendSlotCheck.hold(System.nanoTime() + TimeUnit.SECONDS.toNanos(5))) {
            writer.write(request("/first"), buffer, wire);
            writer.write(request("/second"), buffer, wire);
        }
        writer.write(request("/read"), buffer, wire); // no slot held: a read, outside the budget
        buffer.flush(wire);

        String written = new String(wire.toByteArray(), StandardCharsets.US_ASCII);
        assertTrue(written.contains("POST /first") && written.contains("POST /second") && written.contains("POST /read"),
                written);
    }

    private static ClassicHttpRequest request(String path) {
        return new BasicClassicHttpRequest("POST", path);
    }
}
