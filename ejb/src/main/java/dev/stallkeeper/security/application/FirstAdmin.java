package dev.stallkeeper.security.application;

import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.security.domain.AccountException;
import dev.stallkeeper.security.domain.Role;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.EnumSet;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Creates the first admin from {@code STALLKEEPER_ADMIN_USER} / {@code STALLKEEPER_ADMIN_PASSWORD} when no user
 * exists yet. Later starts change nothing, so the variables may stay set; the password is never logged.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class FirstAdmin {

    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

    @Inject
    AdminAccounts accounts;

    @Inject
    StallkeeperConfig config;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // each call its own transaction (see the catch)
    void create() {
        if (accounts.anyExists()) {
            return;
        }
        Optional<String> user = config.value("STALLKEEPER_ADMIN_USER");
        Optional<String> password = config.value("STALLKEEPER_ADMIN_PASSWORD");
        if (user.isEmpty() || password.isEmpty()) {
            LOG.warn("No admin console user exists: set STALLKEEPER_ADMIN_USER and STALLKEEPER_ADMIN_PASSWORD"
                    + " and restart to create the first admin");
            return;
        }
        try {
            accounts.create(user.get(), null, password.get().toCharArray(), EnumSet.of(Role.ADMIN), "STALLKEEPER_ADMIN_USER");
            LOG.infof("First admin %s created from STALLKEEPER_ADMIN_USER", user.get());
        } catch (AccountException e) {
            LOG.errorf("First admin not created: %s", e.getMessage());
        } catch (EJBException e) {
            // Nodes of a fleet starting together on an empty database: one of them creates the first admin.
            if (!accounts.anyExists()) {
                throw e;
            }
            LOG.infof("First admin created meanwhile by another node");
        }
    }
}
