package com.wawindow.sender.repository;

import com.wawindow.sender.entity.OutboundMessage;
import com.wawindow.sender.entity.Priced;
import com.wawindow.sender.entity.Dispatch;
import com.wawindow.sender.entity.DispatchStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class DispatchRepository implements PanacheRepository<Dispatch> {

    /**
     * The statuses of a dispatch that sent nothing, as an SQL list of constants. Native SQL, not HQL with a list
     * parameter: Hibernate translates a query with a multi-valued parameter again at every execution, and these two
     * run once per follow-up (a third of the sender's CPU per send in the system bench's profile).
     */
    private static final String NOT_SENT = java.util.stream.Stream.of(DispatchStatus.GAVE_UP, DispatchStatus.REJECTED,
                    DispatchStatus.DRY_RUN, DispatchStatus.CANCELLED)
            .map(status -> "'" + status.name() + "'").collect(java.util.stream.Collectors.joining(", ", "(", ")"));

    /** Who the dispatch is for and why; the message itself is an {@link OutboundMessage}. */
    public record Claim(String dedupeKey, Dispatch.Kind kind, UUID windowEventId, Long ruleId, Long campaignId,
            String contactId, OutboundMessage message, Instant windowOpenedAt, Instant windowExpiredAt,
            Priced pricing) {

        /** A claim not priced yet. */
        public Claim(String dedupeKey, Dispatch.Kind kind, UUID windowEventId, Long ruleId, Long campaignId,
                String contactId, OutboundMessage message, Instant windowOpenedAt, Instant windowExpiredAt) {
            this(dedupeKey, kind, windowEventId, ruleId, campaignId, contactId, message, windowOpenedAt, windowExpiredAt,
                    null);
        }

        /** A claim that is not for a window's follow-up (campaign, one-off message). */
        public Claim(String dedupeKey, Dispatch.Kind kind, UUID windowEventId, Long ruleId, Long campaignId,
                String contactId, OutboundMessage message) {
            this(dedupeKey, kind, windowEventId, ruleId, campaignId, contactId, message, null, null, null);
        }

        /** The same claim with its pricing, stored with the dispatch row. */
        public Claim priced(Priced priced) {
            return new Claim(dedupeKey, kind, windowEventId, ruleId, campaignId, contactId, message, windowOpenedAt,
                    windowExpiredAt, priced);
        }
    }

    /** {@link #claim(Claim, UUID, Instant, java.time.Duration)} with a lease that has already run out (as a dead owner's). */
    public Optional<Long> claim(Claim claim, UUID instanceId, Instant now) {
        return claim(claim, instanceId, now, java.time.Duration.ZERO);
    }

    /**
     * Takes the dedupe key: one row per key, ever. A second claim of the same key returns empty (the other
     * claimant sends), except after {@link DispatchStatus#GAVE_UP}, which a replay may take over, and after
     * {@link DispatchStatus#DRY_RUN}: nothing was sent, so once credentials are set the window is still followed up. Concurrent
     * claims serialise on the unique index, so exactly one of them gets the row.
     */
    public Optional<Long> claim(Claim claim, UUID instanceId, Instant now, java.time.Duration lease) {
        OutboundMessage m = claim.message();
        Priced priced = claim.pricing();
        List<?> ids = getEntityManager().createNativeQuery("""
                INSERT INTO dispatch (dedupe_key, kind, window_event_id, rule_id, campaign_id, contact_id, contact_address,
                    from_address, messaging_service_sid, content_sid, content_variables, body, status_callback,
                    status, status_rank, dry_run, created_at, updated_at, claimed_by, claimed_at, lease_until,
                    window_opened_at, window_expired_at, pricing_category, billable, estimated_cost, cost_currency,
                    pricing_source)
                VALUES (:key, :kind, :windowEventId, :ruleId, :campaignId, :contactId, :to, :from, :service, :contentSid,
                    :variables, :body, :callback, 'CLAIMED', 0, FALSE, :now, :now, :instance, :now,
                    now() + make_interval(secs => :leaseSeconds), :openedAt, :expiredAt, :pricingCategory, :billable,
                    :cost, :currency, :pricingSource)
                ON CONFLICT (dedupe_key) DO UPDATE SET status = 'CLAIMED', status_rank = 0, dry_run = FALSE,
                    updated_at = EXCLUDED.updated_at, claimed_by = EXCLUDED.claimed_by, claimed_at = EXCLUDED.claimed_at,
                    lease_until = EXCLUDED.lease_until, error_code = NULL, error_message = NULL,
                    contact_address = EXCLUDED.contact_address, from_address = EXCLUDED.from_address,
                    messaging_service_sid = EXCLUDED.messaging_service_sid, content_variables = EXCLUDED.content_variables,
                    body = EXCLUDED.body, status_callback = EXCLUDED.status_callback,
                    pricing_category = EXCLUDED.pricing_category, billable = EXCLUDED.billable,
                    estimated_cost = EXCLUDED.estimated_cost, cost_currency = EXCLUDED.cost_currency,
                    pricing_source = EXCLUDED.pricing_source
                    WHERE dispatch.status IN ('GAVE_UP', 'DRY_RUN')
                RETURNING id""")
                .unwrap(NativeQuery.class)
                .setParameter("key", claim.dedupeKey())
                .setParameter("kind", claim.kind().name())
                .setParameter("windowEventId", claim.windowEventId(), StandardBasicTypes.UUID)
                .setParameter("ruleId", claim.ruleId(), StandardBasicTypes.LONG)
                .setParameter("campaignId", claim.campaignId(), StandardBasicTypes.LONG)
                .setParameter("contactId", claim.contactId())
                .setParameter("to", m.to(), StandardBasicTypes.STRING)
                .setParameter("from", m.from(), StandardBasicTypes.STRING)
                .setParameter("service", m.messagingServiceSid(), StandardBasicTypes.STRING)
                .setParameter("contentSid", m.contentSid(), StandardBasicTypes.STRING)
                .setParameter("variables", m.contentVariables(), StandardBasicTypes.STRING)
                .setParameter("body", m.body(), StandardBasicTypes.STRING)
                .setParameter("callback", m.statusCallback(), StandardBasicTypes.STRING)
                .setParameter("now", now, StandardBasicTypes.INSTANT)
                .setParameter("instance", instanceId, StandardBasicTypes.UUID)
                .setParameter("leaseSeconds", lease.toMillis() / 1000.0, StandardBasicTypes.DOUBLE)
                .setParameter("openedAt", claim.windowOpenedAt(), StandardBasicTypes.INSTANT)
                .setParameter("expiredAt", claim.windowExpiredAt(), StandardBasicTypes.INSTANT)
                .setParameter("pricingCategory", priced == null ? null : priced.category(), StandardBasicTypes.STRING)
                .setParameter("billable", priced == null ? null : priced.billable(), StandardBasicTypes.BOOLEAN)
                .setParameter("cost", priced == null ? null : priced.cost(), StandardBasicTypes.BIG_DECIMAL)
                .setParameter("currency", priced == null ? null : priced.currency(), StandardBasicTypes.STRING)
                .setParameter("pricingSource", priced == null ? null : priced.source(), StandardBasicTypes.STRING)
                .getResultList();
        return ids.stream().findFirst().map(id -> ((Number) id).longValue());
    }

    /** Meta's own pricing, from a status callback, in place of the estimate. */
    public void repriced(String messageSid, Priced priced) {
        getEntityManager().createNativeQuery("""
                UPDATE dispatch SET pricing_category = :category, billable = :billable,
                    estimated_cost = COALESCE(:cost, CASE WHEN :billable THEN estimated_cost ELSE 0 END),
                    cost_currency = COALESCE(:currency, cost_currency), pricing_source = :source
                WHERE twilio_message_sid = :sid""")
                .unwrap(NativeQuery.class)
                .setParameter("category", priced.category(), StandardBasicTypes.STRING)
                .setParameter("billable", priced.billable(), StandardBasicTypes.BOOLEAN)
                .setParameter("cost", priced.cost(), StandardBasicTypes.BIG_DECIMAL)
                .setParameter("currency", priced.currency(), StandardBasicTypes.STRING)
                .setParameter("source", priced.source(), StandardBasicTypes.STRING)
                .setParameter("sid", messageSid, StandardBasicTypes.STRING)
                .executeUpdate();
    }

    /** A claim taken over after its lease ran out: who and what it is for, and the message. */
    public record OrphanedClaim(long id, Dispatch.Kind kind, UUID windowEventId, Long ruleId, String contactId,
            OutboundMessage message, Instant claimedAt, Instant windowOpenedAt, Instant windowExpiredAt) {
    }

    /**
     * Takes over CLAIMED dispatches whose lease ran out in database time (their owner crashed, or gave the claim back
     * to be retried later), except {@code heldHere}: this instance never adopts a claim it is still working on.
     * SKIP LOCKED, so live instances share the work; the adopter holds each under a new lease.
     */
    public List<OrphanedClaim> adoptExpired(UUID instanceId, java.util.Collection<Long> heldHere, int limit,
            java.time.Duration lease, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                WITH orphaned AS (
                    SELECT d.id FROM dispatch d
                    WHERE d.status = 'CLAIMED' AND d.lease_until < now()
                      AND NOT (d.id = ANY (CAST(:held AS BIGINT[])))
                    ORDER BY d.lease_until LIMIT :limit
                    FOR UPDATE SKIP LOCKED)
                UPDATE dispatch d SET claimed_by = :instance, updated_at = :now,
                    lease_until = now() + make_interval(secs => :leaseSeconds)
                FROM orphaned WHERE d.id = orphaned.id
                RETURNING d.id, d.kind, d.window_event_id, d.rule_id, d.contact_id, d.contact_address, d.from_address,
                          d.messaging_service_sid, d.content_sid, d.content_variables, d.body, d.status_callback,
                          d.claimed_at, d.window_opened_at, d.window_expired_at""")
                .unwrap(NativeQuery.class)
                .setParameter("held", heldHere.stream().map(String::valueOf)
                        .collect(java.util.stream.Collectors.joining(",", "{", "}")))
                .setParameter("limit", limit)
                .setParameter("instance", instanceId, StandardBasicTypes.UUID)
                .setParameter("leaseSeconds", lease.toMillis() / 1000.0, StandardBasicTypes.DOUBLE)
                .setParameter("now", now, StandardBasicTypes.INSTANT)
                .getResultList();
        return rows.stream().map(row -> new OrphanedClaim(((Number) row[0]).longValue(),
                        Dispatch.Kind.valueOf((String) row[1]), (UUID) row[2],
                        row[3] == null ? null : ((Number) row[3]).longValue(), (String) row[4],
                        new OutboundMessage((String) row[5], (String) row[6], (String) row[7], (String) row[8],
                                (String) row[9], (String) row[10], (String) row[11]),
                        nullableInstant(row[12]), nullableInstant(row[13]), nullableInstant(row[14])))
                .toList();
    }

    /** Extends the leases of the claims this instance is working on; returns how many it still holds. */
    public int renewLeases(UUID instanceId, java.util.Collection<Long> ids, java.time.Duration lease) {
        if (ids.isEmpty()) {
            return 0;
        }
        return getEntityManager().createNativeQuery("""
                UPDATE dispatch SET lease_until = now() + make_interval(secs => :leaseSeconds)
                WHERE id IN (:ids) AND claimed_by = :instance AND status = 'CLAIMED'""")
                .unwrap(NativeQuery.class)
                .setParameter("leaseSeconds", lease.toMillis() / 1000.0, StandardBasicTypes.DOUBLE)
                .setParameterList("ids", ids)
                .setParameter("instance", instanceId, StandardBasicTypes.UUID)
                .executeUpdate();
    }

    /** Gives a still-CLAIMED dispatch back until {@code after} from now (database time): any instance may then adopt it. */
    public void releaseFor(long id, java.time.Duration after) {
        getEntityManager().createNativeQuery("""
                UPDATE dispatch SET claimed_by = NULL, lease_until = now() + make_interval(secs => :seconds)
                WHERE id = :id AND status = 'CLAIMED'""")
                .unwrap(NativeQuery.class)
                .setParameter("seconds", after.toMillis() / 1000.0, StandardBasicTypes.DOUBLE)
                .setParameter("id", id)
                .executeUpdate();
    }

    /**
     * Meta held the message back for its marketing limit: the dispatch is claimable again {@code after} from now
     * (database time), with the error kept for whoever looks meanwhile. From its answer the dispatch is still CLAIMED;
     * from a status callback it is FAILED or UNDELIVERED and its SID is let go (that message never reached the
     * contact; the next attempt's answer brings the SID that counts).
     *
     * @return the dispatch made claimable again, if this call did it (a redelivered callback finds it done)
     */
    public Optional<Long> deferForMarketingLimit(String messageSid, Long id, java.time.Duration after, String errorCode,
            String errorMessage, Instant now) {
        List<?> rows = getEntityManager().createNativeQuery("""
                UPDATE dispatch SET status = 'CLAIMED', status_rank = 0, claimed_by = NULL, twilio_message_sid = NULL,
                    lease_until = now() + make_interval(secs => :seconds), error_code = :code, error_message = :text,
                    updated_at = :now
                WHERE kind <> 'MESSAGE' AND ((:id IS NOT NULL AND id = :id AND status = 'CLAIMED')
                    OR (:sid IS NOT NULL AND twilio_message_sid = :sid AND status IN ('FAILED', 'UNDELIVERED')))
                RETURNING id""")
                .unwrap(NativeQuery.class)
                .setParameter("seconds", after.toMillis() / 1000.0, StandardBasicTypes.DOUBLE)
                .setParameter("code", errorCode, StandardBasicTypes.STRING)
                .setParameter("text", errorMessage, StandardBasicTypes.STRING)
                .setParameter("now", now, StandardBasicTypes.INSTANT)
                .setParameter("id", id, StandardBasicTypes.LONG)
                .setParameter("sid", messageSid, StandardBasicTypes.STRING)
                .getResultList();
        return rows.stream().findFirst().map(row -> ((Number) row).longValue());
    }

    /** Gives a still-CLAIMED dispatch back until {@code until} (a policy time such as the end of quiet hours). */
    public void releaseUntil(long id, Instant until) {
        getEntityManager().createNativeQuery("""
                UPDATE dispatch SET claimed_by = NULL, lease_until = :until WHERE id = :id AND status = 'CLAIMED'""")
                .unwrap(NativeQuery.class)
                .setParameter("until", until, StandardBasicTypes.INSTANT)
                .setParameter("id", id)
                .executeUpdate();
    }

    private static Instant nullableInstant(Object value) {
        return value == null ? null : instant(value);
    }

    static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    /** Native, as {@link #advance}: once per send, and Hibernate translates an HQL update again at every execution. */
    public void markAccepted(long id, String messageSid, DispatchStatus status, Instant now) {
        getEntityManager().createNativeQuery("""
                UPDATE dispatch SET twilio_message_sid = :sid, status = :status, status_rank = :rank, updated_at = :now,
                    error_code = NULL, error_message = NULL
                WHERE id = :id AND status_rank <= :rank""")
                .unwrap(NativeQuery.class)
                .setParameter("sid", messageSid, StandardBasicTypes.STRING)
                .setParameter("status", status.name(), StandardBasicTypes.STRING)
                .setParameter("rank", status.rank(), StandardBasicTypes.INTEGER)
                .setParameter("now", now, StandardBasicTypes.INSTANT)
                .setParameter("id", id, StandardBasicTypes.LONG)
                .executeUpdate();
    }

    /** Whether some dispatch already owns this Twilio message (a listed message is never adopted twice). */
    public boolean ownsSid(String messageSid) {
        return count("twilioMessageSid", messageSid) > 0;
    }

    public Optional<Dispatch> byId(long id) {
        return findByIdOptional(id);
    }

    /** Nothing was sent: the row stays as the record of the dry run, and a later claim of its key may take it over. */
    public void markDryRun(long id, Instant now) {
        update("status = ?1, dryRun = true, updatedAt = ?2 where id = ?3", DispatchStatus.DRY_RUN, now, id);
    }

    public void markFailed(long id, DispatchStatus status, String errorCode, String errorMessage, Instant now) {
        update("status = ?1, statusRank = ?2, errorCode = ?3, errorMessage = ?4, updatedAt = ?5 where id = ?6",
                status, status.rank(), errorCode, errorMessage, now, id);
    }

    /** Applies a status callback only when it moves the message forward; returns whether it did. */
    public boolean advance(String messageSid, DispatchStatus status, String errorCode, String errorMessage, Instant now) {
        return getEntityManager().createNativeQuery("""
                UPDATE dispatch SET status = :status, status_rank = :rank, error_code = coalesce(:code, error_code),
                    error_message = coalesce(:message, error_message), updated_at = :now
                WHERE twilio_message_sid = :sid AND status_rank < :rank""")
                .unwrap(NativeQuery.class)
                .setParameter("status", status.name(), StandardBasicTypes.STRING)
                .setParameter("rank", status.rank(), StandardBasicTypes.INTEGER)
                .setParameter("code", errorCode, StandardBasicTypes.STRING)
                .setParameter("message", errorMessage, StandardBasicTypes.STRING)
                .setParameter("now", now, StandardBasicTypes.INSTANT)
                .setParameter("sid", messageSid, StandardBasicTypes.STRING)
                .executeUpdate() > 0;
    }

    public Optional<Dispatch> findBySid(String messageSid) {
        return find("twilioMessageSid", messageSid).firstResultOptional();
    }

    /**
     * Dispatches of one window of the contact (their keys share a prefix) that went out or may still go out; a dry run
     * did not. The contact comes first: a {@code LIKE} on the key alone cannot use the key's unique index under this
     * database's collation, so it read the whole table once per follow-up (the system bench found it: 58M rows read
     * for 10,760 sends); the contact's rows are found by {@code dispatch_contact_idx}, a handful per contact.
     */
    public long countWithKeyPrefix(String contactId, String prefix) {
        return ((Number) getEntityManager().createNativeQuery("SELECT count(*) FROM dispatch WHERE contact_id = :contact"
                        + " AND dedupe_key LIKE :prefix AND status NOT IN " + NOT_SENT)
                .setParameter("contact", contactId)
                .setParameter("prefix", prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .getSingleResult()).longValue();
    }

    /** When anything last went to the contact (any kind: agent messages, follow-ups, campaigns, nudges). */
    public Optional<Instant> lastSentAt(String contactId) {
        return Optional.ofNullable((Instant) getEntityManager().createNativeQuery(
                        "SELECT max(created_at) AS at FROM dispatch WHERE contact_id = :contact AND status NOT IN " + NOT_SENT)
                .unwrap(NativeQuery.class)
                .addScalar("at", StandardBasicTypes.INSTANT)
                .setParameter("contact", contactId, StandardBasicTypes.STRING)
                .getSingleResult());
    }

    /** When a MARKETING template last went to the contact, if ever (the marketing cooldown counts from it). */
    public Optional<Instant> lastMarketingSentAt(String contactId) {
        return Optional.ofNullable((Instant) getEntityManager().createNativeQuery("""
                SELECT max(d.created_at) AS at FROM dispatch d JOIN template t ON t.content_sid = d.content_sid
                WHERE upper(t.category) = 'MARKETING' AND d.contact_id = :contact AND d.status NOT IN """ + NOT_SENT)
                .unwrap(NativeQuery.class)
                .addScalar("at", StandardBasicTypes.INSTANT)
                .setParameter("contact", contactId, StandardBasicTypes.STRING)
                .getSingleResult());
    }

    /** A contact's sends, newest first. */
    public List<Dispatch> forContact(String contactId, int limit) {
        return find("contactId", io.quarkus.panache.common.Sort.descending("createdAt", "id"), contactId)
                .page(0, limit).list();
    }

    /** One UTC day of {@link #counts}. */
    public record DayCounts(java.time.LocalDate day, Counts counts) {
    }

    /** {@link #counts} per UTC day of creation over [from, to), days without a dispatch left out. */
    @SuppressWarnings("unchecked")
    public List<DayCounts> countsPerDay(Instant from, Instant to, Dispatch.Kind kind) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                SELECT CAST(date_trunc('day', d.created_at AT TIME ZONE 'UTC') AS DATE) AS day,
                       count(*),
                       count(*) FILTER (WHERE d.status IN ('ACCEPTED','SCHEDULED','QUEUED','SENDING','SENT','DELIVERED','READ')),
                       count(*) FILTER (WHERE d.status IN ('DELIVERED','READ')),
                       count(*) FILTER (WHERE d.status = 'READ'),
                       count(*) FILTER (WHERE d.status IN ('FAILED','UNDELIVERED','REJECTED','GAVE_UP')),
                       count(*) FILTER (WHERE a.last_inbound_at > d.created_at
                                          AND d.status NOT IN ('FAILED','UNDELIVERED','REJECTED','GAVE_UP','DRY_RUN','CLAIMED'))
                FROM dispatch d LEFT JOIN contact_activity a ON a.contact_id = d.contact_id
                WHERE d.created_at >= :from AND d.created_at < :to
                  AND (CAST(:kind AS TEXT) IS NULL OR d.kind = CAST(:kind AS TEXT))
                GROUP BY 1 ORDER BY 1""")
                .unwrap(NativeQuery.class)
                .setParameter("from", from, StandardBasicTypes.INSTANT)
                .setParameter("to", to, StandardBasicTypes.INSTANT)
                .setParameter("kind", kind == null ? null : kind.name(), StandardBasicTypes.STRING)
                .getResultList();
        return rows.stream().map(r -> new DayCounts(day(r[0]), new Counts(number(r[1]),
                number(r[2]), number(r[3]), number(r[4]), number(r[5]), number(r[6])))).toList();
    }

    private static java.time.LocalDate day(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (java.time.LocalDate) value;
    }

    /** Outcome counts of the dispatches created in [from, to). */
    public record Counts(long total, long sent, long delivered, long read, long failed, long replied) {
    }

    /**
     * Counts by outcome; {@code replied} = the contact wrote after the message (its window re-opened).
     * @param contentSid only this template, or all when null
     * @param kind only this kind, or all when null
     */
    public Counts counts(Instant from, Instant to, String contentSid, Dispatch.Kind kind) {
        Object[] row = (Object[]) getEntityManager().createNativeQuery("""
                SELECT count(*),
                       count(*) FILTER (WHERE d.status IN ('ACCEPTED','SCHEDULED','QUEUED','SENDING','SENT','DELIVERED','READ')),
                       count(*) FILTER (WHERE d.status IN ('DELIVERED','READ')),
                       count(*) FILTER (WHERE d.status = 'READ'),
                       count(*) FILTER (WHERE d.status IN ('FAILED','UNDELIVERED','REJECTED','GAVE_UP')),
                       count(*) FILTER (WHERE a.last_inbound_at > d.created_at
                                          AND d.status NOT IN ('FAILED','UNDELIVERED','REJECTED','GAVE_UP','DRY_RUN','CLAIMED'))
                FROM dispatch d LEFT JOIN contact_activity a ON a.contact_id = d.contact_id
                WHERE d.created_at >= :from AND d.created_at < :to
                  AND (CAST(:contentSid AS TEXT) IS NULL OR d.content_sid = CAST(:contentSid AS TEXT))
                  AND (CAST(:kind AS TEXT) IS NULL OR d.kind = CAST(:kind AS TEXT))""")
                .unwrap(NativeQuery.class)
                .setParameter("from", from, StandardBasicTypes.INSTANT)
                .setParameter("to", to, StandardBasicTypes.INSTANT)
                .setParameter("contentSid", contentSid, StandardBasicTypes.STRING)
                .setParameter("kind", kind == null ? null : kind.name(), StandardBasicTypes.STRING)
                .getSingleResult();
        return new Counts(number(row[0]), number(row[1]), number(row[2]), number(row[3]), number(row[4]), number(row[5]));
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
