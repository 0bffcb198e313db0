package com.wawindow.ingest.service;

import com.wawindow.ingest.config.IngestConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently accepted webhooks, only to count redeliveries in a metric: the deterministic event id is
 * what makes a redelivery harmless downstream, so forgetting old entries costs nothing but a count.
 */
@Singleton
public class RecentMessageSids {

    private final Map<String, Boolean> recent;

    @Inject
    public RecentMessageSids(IngestConfig config) {
        this(config.recentMessageSids());
    }

    RecentMessageSids(int capacity) {
        this.recent = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Remembers {@code key}; true when it was remembered already. */
    public synchronized boolean seenBefore(String key) {
        return recent.put(key, Boolean.TRUE) != null;
    }
}
