package com.wawindow.tracker.service;

import com.wawindow.tracker.config.TrackerConfig;
import com.wawindow.tracker.repository.ProcessedMessageRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;

/** Forgets processed message sids older than the retention: redeliveries come within hours, not weeks. */
@ApplicationScoped
public class ProcessedMessagePruner {

    private final ProcessedMessageRepository processedMessages;
    private final TrackerConfig config;
    private final Clock clock;

    public ProcessedMessagePruner(ProcessedMessageRepository processedMessages, TrackerConfig config, Clock clock) {
        this.clock = clock;
        this.processedMessages = processedMessages;
        this.config = config;
    }

    @Scheduled(identity = "processed-message-pruning", every = "1h", delayed = "1m")
    @Transactional
    public void prune() {
        long deleted = processedMessages.deleteProcessedBefore(clock.instant().minus(config.processedMessageRetention()));
        if (deleted > 0) {
            Log.infof("forgot %d processed message sids older than %s", deleted, config.processedMessageRetention());
        }
    }
}
