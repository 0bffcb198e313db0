package com.wawindow.ingest.benchmark;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/**
 * Test-only baseline for {@link IngestBenchmark}: the same HTTP stack, the same body reading and the same answer
 * as the webhook, without parsing, signature check or publishing.
 */
@Path("/benchmark/no-op")
public class NoOpWebhookResource {

    @POST
    public Uni<Response> accept(byte[] body) {
        return Uni.createFrom().item(Response.ok("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>", "text/xml")
                .build());
    }
}
