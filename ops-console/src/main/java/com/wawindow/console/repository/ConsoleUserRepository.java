package com.wawindow.console.repository;

import com.wawindow.console.config.ConsoleRoles;
import com.wawindow.console.entity.ConsoleUser;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ConsoleUserRepository implements PanacheRepository<ConsoleUser> {

    public Optional<ConsoleUser> findByUsername(String username) {
        return find("username", username).firstResultOptional();
    }

    /** Roles are stored cumulatively ("admin,agent,viewer"), so an admin is a row whose roles start with admin. */
    public boolean anyAdmin() {
        return count("roles like ?1", ConsoleRoles.ADMIN + "%") > 0;
    }

    public List<ConsoleUser> allByName() {
        return list("order by username");
    }
}
