package com.wawindow.sender.repository;

import com.wawindow.sender.entity.Campaign;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
    public Optional<Campaign> claimRunning(Instant now, Duration lease) {
        List<Campaign> claimed = getEntityManager().createNativeQuery("""
                UPDATE campaign SET lease_until = :until
                WHERE id = (SELECT id FROM campaign WHERE state = 'RUNNING' AND (lease_until IS NULL OR lease_until < :now)
                            ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING *""", Campaign.class)
                .setParameter("until", now.plus(lease))
                .setParameter("now", now)
                .getResultList();
        return claimed.stream().findFirst();
    }

    /**
     * A page is done: its cursor and count are saved together, so a crash redoes at most that page.
     * @return false when the campaign is no longer running (cancelled meanwhile): nothing was saved
     */
    public boolean pageDone(long id, String nextCursor, int pageSize, Instant leaseUntil, Instant now) {
        return update("nextCursor = ?1, total = total + ?2, state = ?3, leaseUntil = ?4, updatedAt = ?5 where id = ?6"
                        + " and state = ?7",
                nextCursor, (long) pageSize, nextCursor == null ? Campaign.State.COMPLETED : Campaign.State.RUNNING,
                nextCursor == null ? null : leaseUntil, now, id, Campaign.State.RUNNING) > 0;
    }

    /** @return false when it was not running (completed or cancelled already) */
    public boolean cancel(long id, Instant now) {
        return update("state = ?1, leaseUntil = null, updatedAt = ?2 where id = ?3 and state = ?4",
                Campaign.State.CANCELLED, now, id, Campaign.State.RUNNING) > 0;
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
