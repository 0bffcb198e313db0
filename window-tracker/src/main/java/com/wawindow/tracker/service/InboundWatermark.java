package com.wawindow.tracker.service;

import com.wawindow.tracker.repository.InboundWatermarkRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The instant up to which every inbound message is applied, across all tracker instances: expiry decides at it (or
 * now, whichever is earlier), so a window never closes while a message sent before its deadline still waits in the
 * topic. Each instance reports the partitions it consumes ({@code InboundWatermarkReporter}).
 */
@ApplicationScoped
public class InboundWatermark {

    private final InboundWatermarkRepository watermarks;

    public InboundWatermark(InboundWatermarkRepository watermarks) {
        this.watermarks = watermarks;
    }

    @Transactional
    public void report(int partitionCount, Map<Integer, Instant> appliedThrough, String instance) {
        watermarks.advance(partitionCount, appliedThrough, instance);
    }

    /** Empty while some partition was never reported (at start, before the consumer owns its partitions). */
    @Transactional
    public Optional<Instant> appliedThroughAll() {
        return watermarks.appliedThroughAll();
    }
}
