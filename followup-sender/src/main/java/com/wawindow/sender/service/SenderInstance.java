package com.wawindow.sender.service;

import com.wawindow.sender.repository.DispatchRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;

/**
 * This process among the sender instances sharing the database: every dispatch it claims carries its id, and
 * its heartbeat tells the others it is still working on them.
 */
@ApplicationScoped
public class SenderInstance {

    private final UUID id = UUID.randomUUID();

    @Inject
    DispatchRepository dispatches;

    public UUID id() {
        return id;
    }

    void register(@Observes StartupEvent startup) {
        heartbeat();
    }

    @Scheduled(every = "${followup.heartbeat-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        QuarkusTransaction.requiringNew().run(() -> dispatches.heartbeat(id, Instant.now()));
    }
}
