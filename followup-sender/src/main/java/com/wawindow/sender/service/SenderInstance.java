package com.wawindow.sender.service;

import com.wawindow.sender.config.FollowupConfig;
import com.wawindow.sender.repository.DispatchRepository;
import com.wawindow.sender.repository.SenderInstanceRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This process among the sender instances sharing the database: every dispatch it claims carries its id and a lease
 * in database time, renewed here every heartbeat for as long as a call on it runs. Claims it is working on are
 * {@link #held()}: recovery here never adopts them, even if a renewal came late.
 */
@ApplicationScoped
public class SenderInstance {

    private final UUID id = UUID.randomUUID();
    private final Set<Long> held = ConcurrentHashMap.newKeySet();
    private final SenderInstanceRepository instances;
    private final DispatchRepository dispatches;
    private final FollowupConfig config;
    private final Clock clock;

    public SenderInstance(SenderInstanceRepository instances, DispatchRepository dispatches, FollowupConfig config,
            Clock clock) {
        this.instances = instances;
        this.dispatches = dispatches;
        this.config = config;
        this.clock = clock;
    }

    public UUID id() {
        return id;
    }

    /** This instance is working on the dispatch: its lease is renewed until {@link #letGo(long)}. */
    public void hold(long dispatchId) {
        held.add(dispatchId);
    }

    public void letGo(long dispatchId) {
        held.remove(dispatchId);
    }

    /** The dispatches this instance is working on right now. */
    public List<Long> held() {
        return List.copyOf(held);
    }

    void register(@Observes StartupEvent startup) {
        heartbeat();
    }

    @Scheduled(every = "${followup.heartbeat-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional(TxType.REQUIRES_NEW)
    void heartbeat() {
        // sender_instance is for operators (which instances run); recovery goes by the leases alone
        instances.recordHeartbeat(id, clock.instant());
        List<Long> working = held();
        int renewed = dispatches.renewLeases(id, working, config.claimLease());
        if (renewed < working.size()) {
            Log.debugf("%d of %d held claims were settled or given back meanwhile", working.size() - renewed, working.size());
        }
    }
}
