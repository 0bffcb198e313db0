package com.wawindow.ingest.service;

import com.wawindow.ingest.config.IngestConfig;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The publications of the most recent webhooks, so that Twilio's retries of one webhook publish its event once.
 * A retry (same {@code MessageSid}, or same {@code I-Twilio-Idempotency-Token} for the same {@code MessageSid})
 * joins the first attempt's publication: answered at once when the broker acknowledged it, else it waits for that
 * same acknowledgement. Only a publication the broker refused is tried again. This matters most after a broker
 * stall: the first attempt, answered 503, is still delivered once the broker wakes up, and a second record for the
 * retry would carry a later {@code receivedAt} under the same event id. The set is bounded and in memory; the
 * deterministic event id is what keeps a redelivery that gets past it harmless downstream.
 */
@Singleton
public class RecentWebhooks {

    private final Map<String, Publication> recent;

    @Inject
    public RecentWebhooks(IngestConfig config) {
        this(config.recentMessageSids());
    }

    RecentWebhooks(int capacity) {
        // two keys per webhook at most (the message key and the idempotency token)
        this.recent = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Publication> eldest) {
                return size() > 2L * capacity;
            }
        };
    }

    /** What a webhook waits for, and whether an earlier attempt of the same webhook is what it waits for. */
    public record Joined(Uni<Void> acknowledged, boolean retry) {
    }

    /**
     * The publication of the webhook with {@code key} ({@code MessageSid}, for a status callback with its status):
     * the earlier attempt's unless that one was refused, else a new one from {@code publish}.
     *
     * @param token {@code I-Twilio-Idempotency-Token}, null when absent; a token only ever matches an attempt with
     *              the same key, since a different message must never be taken for a retry
     */
    public synchronized Joined join(String key, String token, Supplier<Uni<Void>> publish) {
        Publication earlier = recent.get(key);
        if (earlier == null && token != null) {
            Publication byToken = recent.get(tokenKey(token));
            earlier = byToken != null && byToken.key.equals(key) ? byToken : null;
        }
        if (earlier != null) {
            return new Joined(earlier.acknowledged, true);
        }
        Publication publication = new Publication(key, token, publish);
        recent.put(key, publication);
        if (token != null) {
            recent.put(tokenKey(token), publication);
        }
        return new Joined(publication.acknowledged, false);
    }

    private synchronized void forget(Publication refused) {
        recent.remove(refused.key, refused);
        if (refused.token != null) {
            recent.remove(tokenKey(refused.token), refused);
        }
    }

    private static String tokenKey(String token) {
        return "idempotency-token:" + token;
    }

    /**
     * Once the broker acknowledged a publication, its entry is swapped for this small one: the memoized publication
     * holds its supplier and with it the whole webhook (form, event, record), some 2 KB that 100,000 remembered
     * webhooks kept alive and every young collection copied again (the system bench's JFR: ingest's heap after each
     * collection grew by 6 MB every 4 s, young pauses of 130-400 ms under load).
     */
    private static final Uni<Void> ACKNOWLEDGED = Uni.createFrom().voidItem();

    private synchronized void acknowledged(Publication publication) {
        Publication done = new Publication(publication.key, publication.token, ACKNOWLEDGED);
        recent.replace(publication.key, publication, done);
        if (publication.token != null) {
            recent.replace(tokenKey(publication.token), publication, done);
        }
    }

    /** One publication, subscribed once and shared by every attempt that joins it. */
    private final class Publication {
        private final String key;
        private final String token;
        private final Uni<Void> acknowledged;

        Publication(String key, String token, Supplier<Uni<Void>> publish) {
            this.key = key;
            this.token = token;
            // memoized: the first subscriber sends, later ones (retries) get the same outcome; an attempt that
            // stops waiting (its 503) does not cancel the send, which the producer completes on its own
            this.acknowledged = Uni.createFrom().<Void>deferred(publish::get)
                    .onItem().invoke(ignored -> acknowledged(this))
                    .onFailure().invoke(refused -> forget(this))
                    .memoize().indefinitely();
        }

        private Publication(String key, String token, Uni<Void> acknowledged) {
            this.key = key;
            this.token = token;
            this.acknowledged = acknowledged;
        }
    }
}
