package com.wawindow.sender.repository;

import com.wawindow.sender.entity.PricingRate;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class PricingRateRepository implements PanacheRepository<PricingRate> {

    public List<PricingRate> allInOrder() {
        return listAll(Sort.by("category").and("region").and("effectiveFrom"));
    }
}
