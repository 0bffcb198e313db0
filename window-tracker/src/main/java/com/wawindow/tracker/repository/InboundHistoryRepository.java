package com.wawindow.tracker.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;

/** The last inbound messages per contact ({@code inbound_history}), bounded per contact. */
@ApplicationScoped
public class InboundHistoryRepository {

    /** One inbound message as the history keeps it; {@code preview} is null when no text is kept. */
    public record Entry(String contactId, String messageSid, Instant receivedAt, String messageType, int mediaCount,
            String preview) {
    }

    /**
     * The batch's entries in one statement (arrays, one element per entry), in key order. The history once went as a
     * JDBC batch of one-row inserts and one trim per contact: about 900 statements per poll of 500, more than the
     * de-duplication and the upsert together.
     */
    public static final String INSERT = """
            insert into inbound_history (contact_id, message_sid, received_at, message_type, media_count, preview)
            select * from unnest(?::text[], ?::text[], ?::text[]::timestamptz[], ?::text[], ?::text[]::integer[], ?::text[])
            order by 1, 2
            on conflict do nothing""";

    /**
     * Keeps the newest {@code keep} rows of each contact given, in (received_at, message_sid) order; one statement. The
     * cut-off row is found once per contact (the lateral join): as a condition on each deleted row, it was looked up
     * again for every row of the contact, 8 times slower on 300,000 rows.
     */
    public static final String TRIM = """
            delete from inbound_history h using (
                select t.contact_id, cut.received_at, cut.message_sid
                from unnest(?::text[]) as t(contact_id)
                cross join lateral (
                    select i.received_at, i.message_sid from inbound_history i where i.contact_id = t.contact_id
                    order by i.received_at desc, i.message_sid desc offset ? limit 1) as cut) as c
            where h.contact_id = c.contact_id and (h.received_at, h.message_sid) < (c.received_at, c.message_sid)""";

    /** Parameters: the contact that takes the entries, the contact that gives them. */
    static final String MOVE = """
            insert into inbound_history (contact_id, message_sid, received_at, message_type, media_count, preview)
            select ?, message_sid, received_at, message_type, media_count, preview from inbound_history where contact_id = ?
            order by message_sid
            on conflict do nothing""";

    private static final String NEWEST = """
            select contact_id, message_sid, received_at, message_type, media_count, preview from inbound_history
            where contact_id = ? order by received_at desc, message_sid desc limit ?""";

    private final EntityManager entityManager;

    public InboundHistoryRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Adds the entries and trims each contact they touch to {@code keep} rows, in the caller's transaction. */
    public void append(List<Entry> entries, int keep) {
        if (entries.isEmpty()) {
            return;
        }
        String[][] columns = arrays(entries);
        String[] touched = touched(entries);
        session().doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                TextArrays.bind(connection, insert, columns);
                insert.executeUpdate();
            }
            try (PreparedStatement trim = connection.prepareStatement(TRIM)) {
                trim.setArray(1, connection.createArrayOf("text", touched));
                trim.setInt(2, keep - 1);
                trim.executeUpdate();
            }
        });
    }

    /** {@link #INSERT}'s six arrays. */
    public static String[][] arrays(List<Entry> entries) {
        int n = entries.size();
        String[][] columns = new String[6][n];
        for (int i = 0; i < n; i++) {
            Entry e = entries.get(i);
            columns[0][i] = e.contactId();
            columns[1][i] = e.messageSid();
            columns[2][i] = e.receivedAt().toString();
            columns[3][i] = e.messageType();
            columns[4][i] = Integer.toString(e.mediaCount());
            columns[5][i] = e.preview();
        }
        return columns;
    }

    /** {@link #TRIM}'s contacts: each one the entries touch, once, sorted (the order rows are locked in). */
    public static String[] touched(List<Entry> entries) {
        return entries.stream().map(Entry::contactId).distinct().sorted().toArray(String[]::new);
    }

    /**
     * Moves every entry of {@code fromContactId} to {@code toContactId} and trims that one to {@code keep} rows, in the
     * caller's transaction: one history for two ids that turned out to be one contact. With {@code keep} 0 the entries
     * only go.
     */
    public void move(String fromContactId, String toContactId, int keep) {
        session().doWork(connection -> {
            if (keep > 0) {
                try (PreparedStatement insert = connection.prepareStatement(MOVE)) {
                    insert.setString(1, toContactId);
                    insert.setString(2, fromContactId);
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement delete = connection.prepareStatement("delete from inbound_history where contact_id = ?")) {
                delete.setString(1, fromContactId);
                delete.executeUpdate();
            }
            if (keep <= 0) {
                return;
            }
            try (PreparedStatement trim = connection.prepareStatement(TRIM)) {
                trim.setArray(1, connection.createArrayOf("text", new String[] {toContactId}));
                trim.setInt(2, keep - 1);
                trim.executeUpdate();
            }
        });
    }

    public List<Entry> newest(String contactId, int limit) {
        List<Entry> entries = new ArrayList<>();
        session().doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(NEWEST)) {
                select.setString(1, contactId);
                select.setInt(2, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new Entry(rs.getString(1), rs.getString(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4), rs.getInt(5),
                                rs.getString(6)));
                    }
                }
            }
        });
        return entries;
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }
}
