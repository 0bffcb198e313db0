package com.wawindow.sender.repository;

import com.wawindow.sender.entity.Campaign;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.query.NativeQuery;
import org.hibernate.type.StandardBasicTypes;

/** Campaigns and their leases; a lease runs in the database's clock, so instances' clocks never matter. */
@ApplicationScoped
public class CampaignRepository implements PanacheRepository<Campaign> {

    /** Outcome counts of one campaign. */
    public record Progress(long sent, long failed, long skipped) {
    }

    /**
     * Takes a running campaign nobody works on (or whose worker's lease ran out): one instance at a time per
     * campaign, and a campaign whose instance died is resumed by another after {@code lease}.
     */
    @SuppressWarnings("unchecked")
    public Optional<Campaign> claimRunning(UUID owner, Duration lease) {
        List<Campaign> claimed = getEntityManager().createNativeQuery("""
                UPDATE campaign SET lease_until = clock_timestamp() + make_interval(secs => :secs), lease_owner = :owner
                WHERE id = (SELECT id FROM campaign WHERE state = 'RUNNING'
                              AND (lease_until IS NULL OR lease_until < clock_timestamp())
                            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING *""", Campaign.class)
                .unwrap(NativeQuery.class)
                .setParameter("secs", lease.toMillis() / 1000.0, StandardBasicTypes.DOUBLE)
                .setParameter("owner", owner, StandardBasicTypes.UUID)
                .getResultList();
        return claimed.stream().findFirst();
    }

    /** Extends the lease while {@code owner} holds a running campaign; false when it is no longer theirs to work. */
    public boolean renew(long id, UUID owner, Duration lease) {
        return getEntityManager().createNativeQuery("""
                UPDATE campaign SET lease_until = clock_timestamp() + make_interval(secs => :secs)
                WHERE id = :id AND lease_owner = :owner AND state = 'RUNNING'""")
                .unwrap(NativeQuery.class)
                .setParameter("secs", lease.toMillis() / 1000.0, StandardBasicTypes.DOUBLE)
                .setParameter("id", id)
                .setParameter("owner", owner, StandardBasicTypes.UUID)
                .executeUpdate() == 1;
    }

    /** The campaign, row-locked for this transaction, when {@code owner} holds it and it is running. */
    public Optional<Campaign> lockHeld(long id, UUID owner) {
        return find("id = ?1 and leaseOwner = ?2 and state = ?3", id, owner, Campaign.State.RUNNING)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Records that the campaign reached these contacts; returns how many it had not reached before. */
    public int recordContacts(long id, List<String> contactIds) {
        if (contactIds.isEmpty()) {
            return 0;
        }
        return getEntityManager().createNativeQuery("""
                INSERT INTO campaign_contact (campaign_id, contact_id) SELECT :id, unnest(cast(:contacts AS text[]))
                ON CONFLICT DO NOTHING""")
                .setParameter("id", id)
                .setParameter("contacts", contactIds.toArray(String[]::new))
                .executeUpdate();
    }

    /**
     * A page is done: its cursor and the contacts it reached first are saved together and the lease renewed, or the
     * campaign COMPLETED after the last page. The caller holds the row ({@link #lockHeld}).
     */
    public void pageDone(long id, UUID owner, String nextCursor, int reached, Duration lease, Instant now) {
        getEntityManager().createNativeQuery("""
                UPDATE campaign SET total = total + :reached, next_cursor = :cursor, updated_at = :now,
                    state = CASE WHEN :last THEN 'COMPLETED' ELSE state END,
                    lease_until = CASE WHEN :last THEN NULL ELSE clock_timestamp() + make_interval(secs => :secs) END,
                    lease_owner = CASE WHEN :last THEN NULL ELSE lease_owner END
                WHERE id = :id AND lease_owner = :owner""")
                .unwrap(NativeQuery.class)
                .setParameter("reached", reached, StandardBasicTypes.INTEGER)
                .setParameter("cursor", nextCursor, StandardBasicTypes.STRING)
                .setParameter("now", now, StandardBasicTypes.INSTANT)
                .setParameter("last", nextCursor == null, StandardBasicTypes.BOOLEAN)
                .setParameter("secs", lease.toMillis() / 1000.0, StandardBasicTypes.DOUBLE)
                .setParameter("id", id, StandardBasicTypes.LONG)
                .setParameter("owner", owner, StandardBasicTypes.UUID)
                .executeUpdate();
    }

    /** Ends a running campaign (CANCELLED or STOPPED); false when it was not running. */
    public boolean end(long id, Campaign.State state, String reason, Instant now) {
        return update("state = ?1, stopReason = ?2, leaseUntil = null, leaseOwner = null, updatedAt = ?3"
                + " where id = ?4 and state = ?5", state, reason, now, id, Campaign.State.RUNNING) == 1;
    }

    public List<Campaign> newest(int limit) {
        return find("order by id desc").page(0, limit).list();
    }

    public Progress progress(long id) {
        Object[] row = (Object[]) getEntityManager().createNativeQuery("""
                SELECT (SELECT count(*) FROM dispatch WHERE campaign_id = :id
                          AND status NOT IN ('CLAIMED','DRY_RUN','GAVE_UP','REJECTED','FAILED','UNDELIVERED')),
                       (SELECT count(*) FROM dispatch WHERE campaign_id = :id
                          AND status IN ('GAVE_UP','REJECTED','FAILED','UNDELIVERED')),
                       (SELECT count(DISTINCT contact_id) FROM followup_decision WHERE campaign_id = :id
                          AND decision = 'SKIPPED')""")
                .setParameter("id", id)
                .getSingleResult();
        return new Progress(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }
}
