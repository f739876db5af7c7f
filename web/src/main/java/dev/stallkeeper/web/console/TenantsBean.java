package dev.stallkeeper.web.console;

import dev.stallkeeper.tenancy.application.TenantDirectory;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The joint-operation tenants page (read-only): tenants with their counts, and for one tenant its applications
 * (client ids, never secrets), authorised users per app and the organisation tree.
 */
@Named("tenants")
@RequestScoped
public class TenantsBean {

    @Inject
    TenantDirectory directory;

    private String id;
    private List<TenantDirectory.TenantRow> list;
    private TenantDirectory.TenantDetails details;
    private boolean loaded;

    public List<TenantDirectory.TenantRow> getList() {
        if (list == null) {
            list = directory.tenants();
        }
        return list;
    }

    public TenantDirectory.TenantDetails getDetails() {
        if (!loaded) {
            details = id == null || id.isBlank() ? null : directory.tenant(id).orElse(null);
            loaded = true;
        }
        return details;
    }

    public int getMaxRows() {
        return TenantDirectory.MAX_ROWS;
    }

    public String getId() { return id; }
    public void setId(String v) { id = v; }
}
