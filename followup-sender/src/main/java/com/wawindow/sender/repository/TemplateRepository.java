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
        if (Objects.equals(oldStatus, incoming.approvalStatus)) {
            return false;
        }
        TemplateStatusChange change = new TemplateStatusChange();
        change.templateId = template.id;
        change.oldStatus = oldStatus;
        change.newStatus = incoming.approvalStatus;
        change.reason = incoming.rejectionReason;
        change.changedAt = now;
        statusChanges.persist(change);
        return true;
    }
}
