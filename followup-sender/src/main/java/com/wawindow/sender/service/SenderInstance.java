package com.wawindow.sender.service;

import com.wawindow.sender.repository.SenderInstanceRepository;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.util.UUID;

/**
 * This process among the sender instances sharing the database: every dispatch it claims carries its id, and
 * its heartbeat tells the others it is still working on them.
 */
@ApplicationScoped
public class SenderInstance {

    private final UUID id = UUID.randomUUID();
    private final SenderInstanceRepository instances;
    private final Clock clock;

    public SenderInstance(SenderInstanceRepository instances, Clock clock) {
        this.instances = instances;
        this.clock = clock;
    }

    public UUID id() {
        return id;
    }

    void register(@Observes StartupEvent startup) {
        heartbeat();
    }

    @Scheduled(every = "${followup.heartbeat-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional(TxType.REQUIRES_NEW)
    void heartbeat() {
        instances.recordHeartbeat(id, clock.instant());
    }
}
