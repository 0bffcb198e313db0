package com.wawindow.sender.rest;

import com.wawindow.sender.service.DeadLetterRedrive;
import com.wawindow.sender.service.DeadLetterRedrive.Redrive;
import com.wawindow.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Re-drives a dead-letter topic into its topic once the cause is fixed ({@link DeadLetterRedrive}). */
@Path("/admin/dlq/{topic}/redrive")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private final DeadLetterRedrive redrive;

    public DeadLetterResource(DeadLetterRedrive redrive) {
        this.redrive = redrive;
    }

    /** {@code topic} is the consumed topic ({@code window-expired}), not its {@code .dlq}; 404 problem for any other. */
    @POST
    @RolesAllowed(Roles.ADMIN)
    public Redrive redrive(@PathParam("topic") String topic) {
        return redrive.redrive(topic);
    }
}
