package dev.stallkeeper.web.console;

import dev.stallkeeper.platform.SelfCheck;
import dev.stallkeeper.platform.Settings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * The settings page (admins only): every setting of the registry grouped by owning context, with its description,
 * default and effective value (secrets only as set or not set), and the self-check.
 */
@Named("settings")
@RequestScoped
public class SettingsBean {

    @Inject
    Settings settings;

    @Inject
    SelfCheck selfCheck;

    private List<Settings.Group> groups;

    private List<SelfCheck.Check> checks;

    public List<Settings.Group> getGroups() {
        if (groups == null) {
            groups = settings.groups();
        }
        return groups;
    }

    public List<SelfCheck.Check> getChecks() {
        if (checks == null) {
            checks = selfCheck.run();
        }
        return checks;
    }
}
