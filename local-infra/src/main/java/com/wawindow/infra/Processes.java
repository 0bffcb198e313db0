package com.wawindow.infra;

import java.util.concurrent.TimeUnit;

/** Stopping the processes the project starts (broker, services) the same way everywhere. */
public final class Processes {

    private Processes() {
    }

    /** SIGTERM, as an operator would, so shutdown hooks run; SIGKILL if it is still there after 20 s. */
    public static void stopGracefully(Process process) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
