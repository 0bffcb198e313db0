package com.wawindow.console.repository;

import com.wawindow.console.entity.StartedCampaign;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class StartedCampaignRepository implements PanacheRepositoryBase<StartedCampaign, Long> {

    public List<StartedCampaign> newest(int limit) {
        return find("order by startedAt desc").page(0, limit).list();
    }
}
