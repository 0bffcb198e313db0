package com.wawindow.tracker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.wawindow.events.ConsentChange;
import com.wawindow.events.EventIds;
import com.wawindow.events.InboundMessageReceived;
import com.wawindow.infra.InfraTestResource;
import com.wawindow.tracker.repository.InboundObservation;
import com.wawindow.tracker.service.ExpiryScheduler;
import com.wawindow.tracker.service.InboundApplier;
import com.wawindow.tracker.service.WindowPolicy;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The batch path (one de-duplication statement, messages folded per contact, one upsert per round) gives exactly the rows
 * the one-message-at-a-time path gives (the tracker's statements before the fold: per message, a de-duplication insert
 * and a single-row upsert, each in its own transaction), on the same random stream: 20% of the messages for a few
 * repeated contacts, 5% redeliveries of an earlier message, instants that tie, missing and changing profile names and
 * business addresses, consent keywords, referrals.
 */
@QuarkusTest
@QuarkusTestResource(InfraTestResource.class)
class FoldedApplyEquivalenceTest {

    /** The single-row upsert of V1 (before the fold), the reference. */
    private static final String ONE_ROW_UPSERT = """
            insert into contact as c (contact_id, contact_address, business_address, profile_name, first_seen_at,
                    last_message_at, last_message_sid, inbound_count, window_expires_at, entry_point_expires_at,
                    opted_out, consent_changed_at, expiry_due_at, expiring_soon_due_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, coalesce(?, false), ?, ?, ?, now())
            on conflict (contact_id) do update set
                inbound_count = c.inbound_count + 1,
                first_seen_at = least(c.first_seen_at, excluded.first_seen_at),
                last_message_at = greatest(c.last_message_at, excluded.last_message_at),
                window_expires_at = case when (excluded.last_message_at, excluded.last_message_sid) > (c.last_message_at, c.last_message_sid)
                        then excluded.window_expires_at else c.window_expires_at end,
                last_message_sid = case when (excluded.last_message_at, excluded.last_message_sid) > (c.last_message_at, c.last_message_sid)
                        then excluded.last_message_sid else c.last_message_sid end,
                contact_address = case when (excluded.last_message_at, excluded.last_message_sid) > (c.last_message_at, c.last_message_sid)
                        then excluded.contact_address else c.contact_address end,
                business_address = case when (excluded.last_message_at, excluded.last_message_sid) > (c.last_message_at, c.last_message_sid)
                        then coalesce(excluded.business_address, c.business_address) else c.business_address end,
                profile_name = case when (excluded.last_message_at, excluded.last_message_sid) > (c.last_message_at, c.last_message_sid)
                        then coalesce(excluded.profile_name, c.profile_name) else coalesce(c.profile_name, excluded.profile_name) end,
                expiry_due_at = case when (excluded.last_message_at, excluded.last_message_sid) > (c.last_message_at, c.last_message_sid)
                        then excluded.expiry_due_at else c.expiry_due_at end,
                expiring_soon_due_at = case when (excluded.last_message_at, excluded.last_message_sid) > (c.last_message_at, c.last_message_sid)
                        then excluded.expiring_soon_due_at else c.expiring_soon_due_at end,
                entry_point_expires_at = greatest(c.entry_point_expires_at, excluded.entry_point_expires_at),
                opted_out = case when excluded.consent_changed_at is not null
                            and (c.consent_changed_at is null or excluded.consent_changed_at >= c.consent_changed_at)
                        then excluded.opted_out else c.opted_out end,
                consent_changed_at = greatest(c.consent_changed_at, excluded.consent_changed_at),
                updated_at = now()
            """;

    private static final String[] PROFILES = {"Budi", "Budi", "Budi", "Sari", null};
    private static final String[] BUSINESSES = {"whatsapp:+14155238886", "whatsapp:+14155238886", "whatsapp:+14155230000", null};

    @Inject
    InboundApplier applier;

    @Inject
    WindowPolicy policy;

    @Inject
    AgroalDataSource dataSource;

    /** Paused for the test: windows that close (other tests move the clock) must not be emitted on one path only. */
    @Inject
    ExpiryScheduler scheduler;

    @Test
    void theBatchPathGivesTheRowsOfTheOneMessageAtATimePath() throws Exception {
        scheduler.pause();
        try {
            compareBothPaths();
        } finally {
            scheduler.resume();
        }
    }

    private void compareBothPaths() throws Exception {
        Random random = new Random(13);
        // a run id of its own in both paths' contact ids and sids, so reruns against the same database never meet
        String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        List<Event> stream = stream(random, 3_000);

        // batch path: contacts +6271..., batches of random size as polls would give them
        List<InboundMessageReceived> batched = stream.stream().map(e -> e.message("+6271", "A" + run)).toList();
        int applied = 0;
        for (int from = 0; from < batched.size(); ) {
            int to = Math.min(batched.size(), from + 1 + random.nextInt(700));
            applied += applier.apply(batched.subList(from, to));
            from = to;
        }
        // one-at-a-time path: contacts +6272..., the V1 statements per message
        int appliedOneByOne = 0;
        try (Connection connection = dataSource.getConnection()) {
            for (Event e : stream) {
                appliedOneByOne += applyOneRow(connection, policy.observe(e.message("+6272", "B" + run)));
            }
        }
        assertEquals(appliedOneByOne, applied, "both paths skip the same redeliveries");
        assertTrue(applied < stream.size() && applied > stream.size() * 9 / 10, "about 5% redeliveries: " + applied);

        List<String> batchRows = rows("+6271", "A" + run);
        List<String> oneByOneRows = rows("+6272", "B" + run);
        assertTrue(batchRows.size() > 1_500, "contacts: " + batchRows.size());
        assertEquals(oneByOneRows.size(), batchRows.size());
        for (int i = 0; i < batchRows.size(); i++) {
            assertEquals(oneByOneRows.get(i), batchRows.get(i), "row " + i);
        }
    }

    /** 20% of the messages for 40 repeated contacts, 5% redeliveries, instants of one hour with ties. */
    private static List<Event> stream(Random random, int size) {
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Event> events = new ArrayList<>(size);
        int contact = 0;
        for (int i = 0; i < size; i++) {
            if (!events.isEmpty() && random.nextInt(100) < 5) {
                events.add(events.get(random.nextInt(events.size())));
                continue;
            }
            int id = random.nextInt(100) < 20 ? random.nextInt(40) : 1_000 + contact++;
            // whole seconds of one hour: messages of a repeated contact often share an instant
            Instant at = base.plusSeconds(random.nextInt(3_600));
            ConsentChange consent = switch (random.nextInt(10)) {
                case 0 -> ConsentChange.OPT_OUT;
                case 1 -> ConsentChange.OPT_IN;
                default -> ConsentChange.NONE;
            };
            events.add(new Event(id, i, at, PROFILES[random.nextInt(PROFILES.length)],
                    BUSINESSES[random.nextInt(BUSINESSES.length)], consent, random.nextInt(10) == 0));
        }
        return events;
    }

    private record Event(int contact, int sequence, Instant receivedAt, String profile, String business, ConsentChange consent,
            boolean referral) {

        InboundMessageReceived message(String contactPrefix, String sidPrefix) {
            String contactId = contactPrefix + String.format("%08d", contact);
            String sid = "SM" + sidPrefix + String.format("%06d", sequence);
            InboundMessageReceived.Referral ad = referral
                    ? new InboundMessageReceived.Referral("ARA", "1", "ad", null, null, null, null, null, null, null, null)
                    : null;
            return new InboundMessageReceived(EventIds.inboundMessage(sid), InboundMessageReceived.CURRENT_VERSION,
                    receivedAt, contactId, sid, "AC00000000000000000000000000000000", null, "whatsapp:" + contactId, business,
                    "hello", profile, contactId.substring(1), null, "text", 0, List.of(), null, null, null, null, ad, consent,
                    Map.of());
        }
    }

    private static int applyOneRow(Connection connection, InboundObservation o) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement dedupe = connection.prepareStatement(
                "insert into processed_message (message_sid, processed_at) values (?, now()) on conflict do nothing")) {
            dedupe.setString(1, o.messageSid());
            if (dedupe.executeUpdate() == 0) {
                connection.commit();
                return 0;
            }
        }
        try (PreparedStatement upsert = connection.prepareStatement(ONE_ROW_UPSERT)) {
            upsert.setString(1, o.contactId());
            upsert.setString(2, o.contactAddress());
            upsert.setString(3, o.businessAddress());
            upsert.setString(4, o.profileName());
            setInstant(upsert, 5, o.receivedAt());
            setInstant(upsert, 6, o.receivedAt());
            upsert.setString(7, o.messageSid());
            setInstant(upsert, 8, o.windowExpiresAt());
            setInstant(upsert, 9, o.entryPointExpiresAt());
            if (o.optedOut() == null) {
                upsert.setNull(10, Types.BOOLEAN);
            } else {
                upsert.setBoolean(10, o.optedOut());
            }
            setInstant(upsert, 11, o.optedOut() == null ? null : o.receivedAt());
            setInstant(upsert, 12, o.windowExpiresAt());
            setInstant(upsert, 13, o.expiringSoonDue());
            upsert.executeUpdate();
        }
        connection.commit();
        return 1;
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

    /** Every column but updated_at, with the path's prefixes taken out, in contact order. */
    private List<String> rows(String contactPrefix, String sidPrefix) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement("""
                select contact_id, contact_address, business_address, profile_name, first_seen_at, last_message_at,
                       last_message_sid, inbound_count, window_expires_at, entry_point_expires_at, opted_out,
                       consent_changed_at, expiry_due_at, expiring_soon_due_at, expired_emitted_at
                from contact where contact_id like ? and last_message_sid like ? order by contact_id""")) {
            select.setString(1, contactPrefix + "%");
            select.setString(2, "SM" + sidPrefix + "%");
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int c = 1; c <= 15; c++) {
                        row.append(rs.getString(c)).append('|');
                    }
                    rows.add(row.toString().replace(contactPrefix, "+62__").replace("SM" + sidPrefix, "SM__"));
                }
            }
        }
        return rows;
    }
}
