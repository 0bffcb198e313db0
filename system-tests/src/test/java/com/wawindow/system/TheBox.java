package com.wawindow.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The machine the ITs share: failsafe runs two IT classes at once, each a whole system of its own. Every running system
 * holds a shared lock on one file; a test that measures the box's timing at the edge (ScaleOutIT's sliding second at
 * the fake Twilio) holds it exclusively, so no other system runs beside it. The locks are the operating system's
 * (across the forks' JVMs) and go with the process if it dies.
 */
final class TheBox {

    private static final Path LOCK = Path.of("target", "system-tests.box.lock").toAbsolutePath();
    private static FileChannel channel;
    private static FileLock held;
    private static int sharers;

    private TheBox() {
    }

    /** A running system's share of the box; waits while a test has it to itself. */
    static synchronized void share() {
        if (held != null) {
            // this JVM holds it already (shared by another system here, or alone: that test's own system)
            sharers++;
            return;
        }
        held = lock(true);
        sharers = 1;
    }

    /** The end of a running system's share. */
    static synchronized void unshare() {
        if (held == null || --sharers > 0) {
            return;
        }
        if (!held.isShared()) {
            sharers = 0; // the exclusive holder's own system ended; the test lets go in alone()'s release
            return;
        }
        release();
    }

    /** The box to this test alone, once every other system has ended; released by {@link #release()}. */
    static synchronized void alone() {
        if (held != null) {
            throw new IllegalStateException("this JVM already runs a system; it cannot have the box to itself");
        }
        held = lock(false);
        sharers = 0;
    }

    static synchronized void release() {
        if (held != null) {
            try {
                held.release();
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                held = null;
                channel = null;
                sharers = 0;
            }
        }
    }

    private static FileLock lock(boolean shared) {
        try {
            Files.createDirectories(LOCK.getParent());
            channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
            long started = System.nanoTime();
            FileLock lock = channel.lock(0, Long.MAX_VALUE, shared);
            long waited = (System.nanoTime() - started) / 1_000_000;
            if (waited > 1_000) {
                System.out.printf("waited %d ms for the box (%s)%n", waited, shared ? "shared" : "alone");
            }
            return lock;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
