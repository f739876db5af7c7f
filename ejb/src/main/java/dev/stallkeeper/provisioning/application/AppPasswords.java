package dev.stallkeeper.provisioning.application;

import dev.stallkeeper.platform.DataKeys;
import dev.stallkeeper.platform.SecretSealer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Tenants' application passwords (the {@code appInfo.password} KooGallery shows the buyer) at rest: sealed with
 * {@code STALLKEEPER_DATA_KEY} (AES-GCM, bound to the instance's id, so a value copied to another row does not open)
 * before they reach the {@code instance} table, opened only to answer KooGallery. Without a data key (the embedded
 * database only: {@code ProductionGuard} requires one on PostgreSQL) they are kept as given, and sealed by
 * {@link PasswordSealing} at the first start that has a key.
 */
@ApplicationScoped
public class AppPasswords {

    private static final Logger LOG = Logger.getLogger(AppPasswords.class);

    @Inject
    DataKeys keys;

    /** The value to store for {@code password} of instance {@code instanceId} (null stays null). */
    public String seal(String instanceId, String password) {
        if (password == null) {
            return null;
        }
        return keys.sealer().map(s -> s.seal(password, context(instanceId))).orElse(password);
    }

    /**
     * The password stored as {@code stored} for instance {@code instanceId}; a plain value as it is; null, logged,
     * when a sealed value cannot be opened (its key is no longer configured, or the row was altered).
     */
    public String open(String instanceId, String stored) {
        if (stored == null || !SecretSealer.isSealed(stored)) {
            return stored;
        }
        Optional<String> opened = keys.sealer().flatMap(s -> s.open(stored, context(instanceId)));
        if (opened.isEmpty()) {
            LOG.errorf("Instance %s: its application password does not open with the configured STALLKEEPER_DATA_KEY"
                    + " (was the key that sealed it removed?); answered without it", instanceId);
        }
        return opened.orElse(null);
    }

    /** What a sealed password is bound to: its instance. */
    static String context(String instanceId) {
        return "instance:" + instanceId + ":app_password";
    }
}
