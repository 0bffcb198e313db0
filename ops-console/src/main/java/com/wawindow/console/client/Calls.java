package com.wawindow.console.client;

import jakarta.ws.rs.ProcessingException;
import java.util.function.Supplier;

/** One call to another service: no answer at all becomes {@link UpstreamException.Unreachable}. */
final class Calls {

    private Calls() {
    }

    static <T> T to(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (ProcessingException e) {
            if (e.getCause() instanceof UpstreamException upstream) {
                throw upstream;
            }
            throw new UpstreamException.Unreachable(service, e);
        }
    }
}
