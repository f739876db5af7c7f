package dev.stallkeeper.web.console;

import dev.stallkeeper.platform.SelfCheck;
import dev.stallkeeper.platform.Settings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** The settings page (admins only): effective configuration with secrets masked, and the self-check. */
@Named("settings")
@RequestScoped
public class SettingsBean {

    @Inject
    Settings settings;

    @Inject
    SelfCheck selfCheck;

    private List<SelfCheck.Check> checks;

    public List<Settings.Setting> getEffective() {
        return settings.effective();
    }

    public List<SelfCheck.Check> getChecks() {
        if (checks == null) {
            checks = selfCheck.run();
        }
        return checks;
    }
}
