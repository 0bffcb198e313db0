package com.wawindow.tracker.service;

import com.wawindow.support.database.DatabaseAvailability;
import com.wawindow.tracker.service.ContactService.ContactStats;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;

/**
 * {@code tracker_contacts{state=open|expiring_soon|closed|entry_point_open|opted_out}}: the counts of
 * {@code GET /contacts/stats}, refreshed every CONTACT_GAUGE_INTERVAL rather than counted at each scrape (a count of
 * every contact is a table scan; several Prometheus servers may scrape). Skipped while PostgreSQL is away: the gauges
 * keep the last counts.
 */
@ApplicationScoped
public class ContactGauges {

    private final ContactService contacts;
    private final DatabaseAvailability database;
    private final AtomicReference<ContactStats> latest = new AtomicReference<>(new ContactStats(0, 0, 0, 0, 0, 0));

    public ContactGauges(ContactService contacts, DatabaseAvailability database, MeterRegistry registry) {
        this.contacts = contacts;
        this.database = database;
        gauge(registry, "open", ContactStats::open);
        gauge(registry, "expiring_soon", ContactStats::expiringSoon);
        gauge(registry, "closed", ContactStats::closed);
        gauge(registry, "entry_point_open", ContactStats::entryPointOpen);
        gauge(registry, "opted_out", ContactStats::optedOut);
    }

    @Scheduled(identity = "contact-gauges", every = "${contact-gauge-interval:30s}", delayed = "1s")
    void refresh() {
        if (!database.isAvailable()) {
            return;
        }
        try {
            latest.set(contacts.stats());
        } catch (RuntimeException | AssertionError e) {
            if (!database.isOutage(e)) {
                throw e;
            }
        }
    }

    private void gauge(MeterRegistry registry, String state, ToLongFunction<ContactStats> count) {
        Gauge.builder("tracker.contacts", latest, l -> count.applyAsLong(l.get()))
                .description("Contacts per window state, as GET /contacts/stats counts them (refreshed, not live)")
                .tag("state", state).register(registry);
    }
}
