package com.wawindow.tracker.repository;

import com.wawindow.tracker.entity.Contact;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.Session;

@ApplicationScoped
public class ContactRepository implements PanacheRepositoryBase<Contact, String> {

    /*
     * One statement per batch round: one row per contact (its messages folded by InboundFold), as arrays, in contact id
     * order so concurrent batches lock rows in the same order and cannot deadlock. The rules, for any arrival order:
     * the newest message (by receivedAt, then message sid to break ties) wins the fields that describe "the current
     * window"; last_message_at never moves backwards; consent follows the newest message that said something about
     * consent; the entry point window only ever grows. A newer message re-arms the expiry deadlines, an older one
     * leaves them.
     */
    public static final String UPSERT = """
            insert into contact as c (contact_id, contact_address, business_address, profile_name, first_seen_at,
                    last_message_at, last_message_sid, inbound_count, window_expires_at, entry_point_expires_at,
                    opted_out, consent_changed_at, expiry_due_at, expiring_soon_due_at, updated_at)
            select u.contact_id, u.contact_address, u.business_address, u.profile_name, u.first_seen_at,
                    u.last_message_at, u.last_message_sid, u.inbound_count, u.window_expires_at, u.entry_point_expires_at,
                    coalesce(u.opted_out, false), u.consent_changed_at, u.window_expires_at, u.expiring_soon_due_at, now()
            from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[]::timestamptz[], ?::text[]::timestamptz[],
                    ?::text[], ?::text[]::bigint[], ?::text[]::timestamptz[], ?::text[]::timestamptz[], ?::text[]::boolean[],
                    ?::text[]::timestamptz[], ?::text[]::timestamptz[])
                as u(contact_id, contact_address, business_address, profile_name, first_seen_at, last_message_at,
                    last_message_sid, inbound_count, window_expires_at, entry_point_expires_at, opted_out,
                    consent_changed_at, expiring_soon_due_at)
            order by u.contact_id
            on conflict (contact_id) do update set
                inbound_count = c.inbound_count + excluded.inbound_count,
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

    /*
     * A business-scoped contact's row folded into its phone contact's, with the upsert's rules applied to the two rows:
     * the newer of the two windows (by last message, then sid: {@code newer}, compared once) wins its fields and its
     * pending deadlines (null when its events already went out, so nothing is emitted twice), counts add up, first seen
     * and the entry point keep the widest, consent follows the newer consent change. The phone row keeps its own address: it is where replies go.
     * Parameters: the phone contact id, the bsuid contact id.
     */
    static final String MERGE = """
            update contact p set
                inbound_count = p.inbound_count + b.inbound_count,
                first_seen_at = least(p.first_seen_at, b.first_seen_at),
                last_message_at = greatest(p.last_message_at, b.last_message_at),
                window_expires_at = case when b.newer then b.window_expires_at else p.window_expires_at end,
                last_message_sid = case when b.newer then b.last_message_sid else p.last_message_sid end,
                business_address = case when b.newer then coalesce(b.business_address, p.business_address)
                        else coalesce(p.business_address, b.business_address) end,
                profile_name = case when b.newer then coalesce(b.profile_name, p.profile_name)
                        else coalesce(p.profile_name, b.profile_name) end,
                expiry_due_at = case when b.newer then b.expiry_due_at else p.expiry_due_at end,
                expiring_soon_due_at = case when b.newer then b.expiring_soon_due_at else p.expiring_soon_due_at end,
                expired_emitted_at = case when b.newer then b.expired_emitted_at else p.expired_emitted_at end,
                entry_point_expires_at = greatest(p.entry_point_expires_at, b.entry_point_expires_at),
                opted_out = case when b.consent_changed_at is not null
                            and (p.consent_changed_at is null or b.consent_changed_at > p.consent_changed_at)
                        then b.opted_out else p.opted_out end,
                consent_changed_at = greatest(p.consent_changed_at, b.consent_changed_at),
                updated_at = now()
            from (select c.*, q.contact_id as phone_id,
                        (c.last_message_at, c.last_message_sid) > (q.last_message_at, q.last_message_sid) as newer
                    from contact q, contact c where q.contact_id = ? and c.contact_id = ?) b
            where p.contact_id = b.phone_id""";

    private static final String DUE_COLUMNS = """
            contact_id, contact_address, business_address, profile_name, last_message_at, window_expires_at,
            last_message_sid, opted_out, entry_point_expires_at""";

    /** SKIP LOCKED: several trackers scan at once, each takes rows no other holds, none waits for another. */
    private static final String CLAIM_EXPIRED = "select " + DUE_COLUMNS + ", expiry_due_at from contact"
            + " where expiry_due_at <= ? order by expiry_due_at limit ? for update skip locked";

    private static final String CLAIM_EXPIRING_SOON = "select " + DUE_COLUMNS + ", expiring_soon_due_at from contact"
            + " where expiring_soon_due_at <= ? order by expiring_soon_due_at limit ? for update skip locked";

    /**
     * Upserts one round of folded rows (at most one per contact, sorted by contact id) in the caller's transaction, in
     * one statement.
     */
    public void upsert(List<ContactDelta> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String[][] columns = arrays(rows);
        session().doWork(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                TextArrays.bind(connection, upsert, columns);
                upsert.executeUpdate();
            }
        });
    }

    /** The {@link #UPSERT} parameters: one text array per column, in order. */
    public static String[][] arrays(List<ContactDelta> rows) {
        int n = rows.size();
        String[][] columns = new String[13][n];
        for (int i = 0; i < n; i++) {
            ContactDelta r = rows.get(i);
            columns[0][i] = r.contactId();
            columns[1][i] = r.contactAddress();
            columns[2][i] = r.businessAddress();
            columns[3][i] = r.profileName();
            columns[4][i] = text(r.firstSeenAt());
            columns[5][i] = text(r.lastMessageAt());
            columns[6][i] = r.messageSid();
            columns[7][i] = Long.toString(r.inboundCount());
            columns[8][i] = text(r.windowExpiresAt());
            columns[9][i] = text(r.entryPointExpiresAt());
            columns[10][i] = r.optedOut() == null ? null : r.optedOut().toString();
            columns[11][i] = text(r.consentChangedAt());
            columns[12][i] = text(r.expiringSoonDue());
        }
        return columns;
    }

    private static String text(Instant value) {
        return value == null ? null : value.toString();
    }

    /**
     * Folds the row of {@code aliasId} into the row of {@code contactId} ({@link #MERGE}) and deletes it, in the caller's
     * transaction, which must already hold the phone row (its upsert locked it). The alias row is locked first: an
     * expiry scan that holds it is waited for, and the merge then reads the deadlines that scan cleared, so a window
     * whose event went out is not emitted again under the phone id; once deleted, no scan finds the alias again.
     *
     * @return false when {@code aliasId} has no row (nothing to merge)
     */
    public boolean mergeInto(String contactId, String aliasId) {
        boolean[] merged = {false};
        session().doWork(connection -> {
            try (PreparedStatement lock = connection.prepareStatement(
                    "select 1 from contact where contact_id = ? for update")) {
                lock.setString(1, aliasId);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement merge = connection.prepareStatement(MERGE)) {
                merge.setString(1, contactId);
                merge.setString(2, aliasId);
                if (merge.executeUpdate() != 1) {
                    throw new IllegalStateException("no phone contact row to merge into: the merge runs after its upsert");
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("delete from contact where contact_id = ?")) {
                delete.setString(1, aliasId);
                delete.executeUpdate();
            }
            merged[0] = true;
        });
        return merged[0];
    }

    /** Locks up to {@code limit} windows whose close is due, oldest deadline first, until the transaction ends. */
    public List<DueWindow> claimExpired(Instant now, int limit) {
        return claim(CLAIM_EXPIRED, now, limit);
    }

    /** Locks up to {@code limit} windows whose expiring-soon notice is due. */
    public List<DueWindow> claimExpiringSoon(Instant now, int limit) {
        return claim(CLAIM_EXPIRING_SOON, now, limit);
    }

    /**
     * The earliest pending deadline: the first entry of each partial index (an index-only read of one entry each,
     * whatever the table size).
     */
    public Optional<Instant> nextDeadline() {
        Object next = getEntityManager().createNativeQuery("""
                select least((select min(expiry_due_at) from contact where expiry_due_at is not null),
                             (select min(expiring_soon_due_at) from contact where expiring_soon_due_at is not null))""")
                .getSingleResult();
        if (next == null) {
            return Optional.empty();
        }
        if (next instanceof Instant instant) {
            return Optional.of(instant);
        }
        if (next instanceof OffsetDateTime offset) {
            return Optional.of(offset.toInstant());
        }
        return Optional.of(((java.sql.Timestamp) next).toInstant());
    }

    public void markExpiredEmitted(List<String> contactIds, Instant emittedAt) {
        update("expiryDueAt = null, expiredEmittedAt = ?1 where contactId in ?2", emittedAt, contactIds);
    }

    public void markExpiringSoonDone(List<String> contactIds) {
        update("expiringSoonDueAt = null where contactId in ?1", contactIds);
    }

    /**
     * One page of a segment in (last_message_at, contact_id) order, or in contact id order. The cursor condition keeps a range bound on
     * last_message_at so the index seeks to the page instead of counting past the rows before it.
     *
     * @return up to {@code filter.limit() + 1} rows: one more than asked tells that a next page exists
     */
    public List<Contact> page(ContactFilter filter) {
        Parameters parameters = new Parameters();
        StringBuilder where = segment(filter, parameters);
        if (filter.byContactId()) {
            if (filter.after() != null) {
                where.append(" and contactId > :cursorId");
                parameters.and("cursorId", filter.after().contactId());
            }
            return find(where.toString(), Sort.by("contactId"), parameters).range(0, filter.limit()).list();
        }
        if (filter.after() != null) {
            String beyond = filter.ascending() ? ">" : "<";
            where.append(" and lastMessageAt ").append(beyond).append("= :cursorAt and (lastMessageAt ").append(beyond)
                    .append(" :cursorAt or contactId ").append(beyond).append(" :cursorId)");
            parameters.and("cursorAt", filter.after().lastMessageAt()).and("cursorId", filter.after().contactId());
        }
        Sort.Direction direction = filter.ascending() ? Sort.Direction.Ascending : Sort.Direction.Descending;
        return find(where.toString(), Sort.by("lastMessageAt", direction).and("contactId", direction), parameters)
                .range(0, filter.limit()) // both ends inclusive: limit + 1 rows
                .list();
    }

    /** How many contacts the segment holds (cursor, order and limit aside): what a campaign on it would reach. */
    public long count(ContactFilter filter) {
        Parameters parameters = new Parameters();
        return count(segment(filter, parameters).toString(), parameters);
    }

    private static StringBuilder segment(ContactFilter filter, Parameters parameters) {
        StringBuilder where = new StringBuilder("1 = 1");
        if (filter.expiresAfter() != null) {
            where.append(" and windowExpiresAt > :expiresAfter");
            parameters.and("expiresAfter", filter.expiresAfter());
        }
        if (filter.expiresNotAfter() != null) {
            where.append(" and windowExpiresAt <= :expiresNotAfter");
            parameters.and("expiresNotAfter", filter.expiresNotAfter());
        }
        if (filter.lastMessageAfter() != null) {
            where.append(" and lastMessageAt > :lastMessageAfter");
            parameters.and("lastMessageAfter", filter.lastMessageAfter());
        }
        if (filter.lastMessageBefore() != null) {
            where.append(" and lastMessageAt < :lastMessageBefore");
            parameters.and("lastMessageBefore", filter.lastMessageBefore());
        }
        if (filter.optedOut() != null) {
            where.append(" and optedOut = :optedOut");
            parameters.and("optedOut", filter.optedOut());
        }
        if (filter.idDigits() != null) {
            // digits only (the service strips the rest), so no LIKE wildcard can come from the caller
            where.append(" and contactId like :idDigits");
            parameters.and("idDigits", "%" + filter.idDigits() + "%");
        }
        return where;
    }

    /** Counts per state in one pass: open means closing after {@code now}, expiring soon closing by {@code soonLimit}. */
    public ContactCounts counts(Instant now, Instant soonLimit) {
        Object[] row = (Object[]) getEntityManager().createNativeQuery("""
                select count(*) filter (where window_expires_at > ?1),
                       count(*) filter (where window_expires_at <= ?1),
                       count(*) filter (where window_expires_at > ?1 and window_expires_at <= ?2),
                       count(*) filter (where entry_point_expires_at > ?1),
                       count(*) filter (where opted_out),
                       count(*)
                from contact""")
                .setParameter(1, now)
                .setParameter(2, soonLimit)
                .getSingleResult();
        return new ContactCounts(number(row[0]), number(row[1]), number(row[2]), number(row[3]), number(row[4]),
                number(row[5]));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private List<DueWindow> claim(String sql, Instant now, int limit) {
        List<DueWindow> claimed = new ArrayList<>();
        session().doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                setInstant(select, 1, now);
                select.setInt(2, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        claimed.add(new DueWindow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                instant(rs, 5), instant(rs, 6), rs.getString(7), rs.getBoolean(8), instant(rs, 9),
                                instant(rs, 10)));
                    }
                }
            }
        });
        return claimed;
    }

    private Session session() {
        return getEntityManager().unwrap(Session.class);
    }

    private static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, value.atOffset(ZoneOffset.UTC));
        }
    }

    private static Instant instant(ResultSet rs, int index) throws SQLException {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
