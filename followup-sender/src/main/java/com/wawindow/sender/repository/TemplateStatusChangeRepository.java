package com.wawindow.sender.repository;

import com.wawindow.sender.entity.TemplateStatusChange;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class TemplateStatusChangeRepository implements PanacheRepository<TemplateStatusChange> {

    public List<TemplateStatusChange> forTemplate(long templateId) {
        return list("templateId", Sort.by("changedAt").and("id"), templateId);
    }
}
