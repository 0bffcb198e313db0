package com.wawindow.console.rest;

import com.wawindow.console.config.ConsoleRoles;
import com.wawindow.console.service.TemplateCatalog;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Templates: approval status, category, language, and each one's delivery funnel as a chart. */
@Path("/templates")
@Produces(MediaType.TEXT_HTML)
public class TemplatePages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance templates(List<TemplateCatalog.Entry> entries);
    }

    private final TemplateCatalog catalog;

    public TemplatePages(TemplateCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @RolesAllowed(ConsoleRoles.VIEWER)
    public TemplateInstance templates() {
        return Templates.templates(catalog.all());
    }
}
