package dev.stallkeeper.web.console;

import dev.stallkeeper.provisioning.application.InstanceDetails;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** One instance's page: its data (never its app password), lifecycle, background work and callbacks. */
@Named("instance")
@RequestScoped
public class InstanceBean {

    @Inject
    InstanceDetails details;

    private String id;
    private InstanceDetails.Details found;
    private boolean loaded;

    public InstanceDetails.Details getDetails() {
        if (!loaded) {
            found = details.find(id).orElse(null);
            loaded = true;
        }
        return found;
    }

    public String body(byte[] raw) {
        return Redaction.show(raw);
    }

    public String getId() { return id; }
    public void setId(String v) { id = v; }
}
