package com.wawindow.sender.repository;

import com.wawindow.sender.entity.Template;
import com.wawindow.sender.entity.TemplateStatusChange;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

@ApplicationScoped
public class TemplateRepository implements PanacheRepository<Template> {

    private final TemplateStatusChangeRepository statusChanges;

    public TemplateRepository(TemplateStatusChangeRepository statusChanges) {
        this.statusChanges = statusChanges;
    }

    public Optional<Template> findBySid(String contentSid) {
        return find("contentSid", contentSid).firstResultOptional();
    }

    public List<Template> listAllByName() {
        return listAll(Sort.by("friendlyName").and("id"));
    }

    /**
     * Creates the template or brings its fields up to date, recording an approval status change.
     * @return whether the approval status changed (a new template counts as a change)
     */
    public boolean upsert(Template incoming, Instant now) {
        Optional<Template> existing = findBySid(incoming.contentSid);
        String oldStatus = existing.map(t -> t.approvalStatus).orElse(null);
        Template template = existing.orElse(incoming);
        if (existing.isPresent()) {
            update("friendlyName = ?1, language = ?2, category = ?3, approvalStatus = ?4, rejectionReason = ?5, "
                            + "variables = ?6, source = ?7, updatedAt = ?8, body = coalesce(?10, body), "
                            + "lastSyncedAt = case when ?7 = ?11 then ?8 else lastSyncedAt end where id = ?9",
                    incoming.friendlyName, incoming.language, incoming.category, incoming.approvalStatus,
                    incoming.rejectionReason, incoming.variables, incoming.source, now, template.id, incoming.body,
                    Template.Source.SYNC);
        } else {
            incoming.updatedAt = now;
            incoming.lastSyncedAt = incoming.source == Template.Source.SYNC ? now : null;
            persist(incoming);
        }
        String source = incoming.source == null ? null : incoming.source.name().toLowerCase(java.util.Locale.ROOT);
        String oldCategory = existing.map(t -> t.category).orElse(null);
        if (oldCategory != null && incoming.category != null && !oldCategory.equalsIgnoreCase(incoming.category)) {
            recategorised(template.id, oldCategory, incoming.category, now);
            recordChange(template.id, TemplateStatusChange.CATEGORY, oldCategory, incoming.category, null, source, now);
        }
        if (Objects.equals(oldStatus, incoming.approvalStatus)) {
            return false;
        }
        recordChange(template.id, TemplateStatusChange.STATUS, oldStatus, incoming.approvalStatus,
                incoming.rejectionReason, source, now);
        return true;
    }

    /** Meta moved the template's category: the one it came from is kept as a flag (UTILITY to MARKETING above all). */
    public void recategorised(long id, String from, String to, Instant now) {
        update("category = ?1, recategorisedFrom = ?2, updatedAt = ?3 where id = ?4",
                to.toUpperCase(java.util.Locale.ROOT), from.toUpperCase(java.util.Locale.ROOT), now, id);
    }

    /** A new approval status, without a sync's other fields. */
    public void statusChanged(long id, String status, Instant now) {
        update("approvalStatus = ?1, updatedAt = ?2 where id = ?3", status, now, id);
    }

    public void recordChange(long templateId, String field, String from, String to, String reason, String source,
            Instant at) {
        TemplateStatusChange change = new TemplateStatusChange();
        change.templateId = templateId;
        change.field = field;
        change.oldStatus = from;
        change.newStatus = to;
        change.reason = reason;
        change.source = source;
        change.changedAt = at;
        statusChanges.persist(change);
    }

    /** Whether a change from this source (an Event Streams event id) was recorded already: its redelivery. */
    public boolean changeRecorded(String source) {
        return statusChanges.count("source", source) > 0;
    }
}
