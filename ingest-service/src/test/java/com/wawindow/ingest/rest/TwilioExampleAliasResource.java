package com.wawindow.ingest.rest;

import com.wawindow.ingest.service.WebhookKind;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Test-only: Twilio's published signature example was made for {@code /myapp.php}, a path this service does not
 * have. This alias hands such requests to the inbound-message webhook's own handling, so the example goes through
 * the same body reading, URL rebuilding and signature check as a real webhook.
 */
@Path("/myapp.php")
public class TwilioExampleAliasResource {

    private final TwilioWebhookResource webhooks;

    public TwilioExampleAliasResource(TwilioWebhookResource webhooks) {
        this.webhooks = webhooks;
    }

    @POST
    public Uni<Response> example(@Context HttpServerRequest request, @Context HttpHeaders headers, byte[] body) {
        return webhooks.handle(WebhookKind.INBOUND_MESSAGE, request, headers, body);
    }
}
