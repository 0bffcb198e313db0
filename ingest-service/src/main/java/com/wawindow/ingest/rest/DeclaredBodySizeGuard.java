package com.wawindow.ingest.rest;

import com.wawindow.ingest.config.IngestConfig;
import com.wawindow.support.problem.Problem;
import com.wawindow.support.problem.ProblemType;
import com.wawindow.support.problem.Problems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a request whose declared Content-Length is over the webhook limit before its body is read: the same
 * 413 problem JSON as the resource's own check, also for bodies beyond the HTTP layer's buffer limit, which
 * that layer would otherwise answer with a bare 413.
 */
@ApplicationScoped
public class DeclaredBodySizeGuard {

    void install(@Observes Router router, IngestConfig config) {
        long limit = config.maxBodyBytes();
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared == null || !isOver(declared, limit)) {
                context.next();
                return;
            }
            ProblemType type = ProblemType.PAYLOAD_TOO_LARGE;
            context.response().setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(Json.encode(Problem.of(type, "the body is " + declared + " bytes; webhooks are limited to " + limit)));
        });
    }

    private static boolean isOver(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // a malformed length is the HTTP layer's to refuse
        }
    }
}
