package com.wawindow.tracker.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;

/** The last inbound messages per contact ({@code inbound_history}), bounded per contact. */
@ApplicationScoped
public class InboundHistoryRepository {

    /** One inbound message as the history keeps it; {@code preview} is null when no text is kept. */
    public record Entry(String contactId, String messageSid, Instant receivedAt, String messageType, int mediaCount,
            String preview) {
    }

    private static final String INSERT = """
            insert into inbound_history (contact_id, message_sid, received_at, message_type, media_count, preview)
            values (?, ?, ?, ?, ?, ?) on conflict do nothing""";

    /** Keeps the newest {@code keep} rows of a contact, in (received_at, message_sid) order. */
    private static final String TRIM = """
            delete from inbound_history h where h.contact_id = ? and (h.received_at, h.message_sid) < (
                select received_at, message_sid from inbound_history where contact_id = ?
                order by received_at desc, message_sid desc offset ? limit 1)""";

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
        Set<String> touched = new LinkedHashSet<>();
        session().doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Entry e : entries) {
                    insert.setString(1, e.contactId());
                    insert.setString(2, e.messageSid());
                    insert.setObject(3, e.receivedAt().atOffset(ZoneOffset.UTC));
                    insert.setString(4, e.messageType());
                    insert.setInt(5, e.mediaCount());
                    insert.setString(6, e.preview());
                    insert.addBatch();
                    touched.add(e.contactId());
                }
                insert.executeBatch();
            }
            try (PreparedStatement trim = connection.prepareStatement(TRIM)) {
                for (String contactId : touched) {
                    trim.setString(1, contactId);
                    trim.setString(2, contactId);
                    trim.setInt(3, keep - 1);
                    trim.addBatch();
                }
                trim.executeBatch();
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
