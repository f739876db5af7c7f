package dev.stallkeeper.provisioning.application;

import dev.stallkeeper.platform.DataKeys;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Seals, at start-up, application passwords stored in clear: those written before Stallkeeper sealed them, or while
 * no {@code STALLKEEPER_DATA_KEY} was configured (embedded database). Each row is replaced only if it still holds
 * the clear value read (compare and set), so nodes starting together never seal a row twice; a node without a key
 * does nothing.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class PasswordSealing {

    private static final Logger LOG = Logger.getLogger(PasswordSealing.class);
    private static final int BATCH = 500;

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    DataKeys keys;

    @Inject
    AppPasswords passwords;

    @PostConstruct
    void sealClearPasswords() {
        if (keys.sealer().isEmpty()) {
            return;
        }
        int sealed = 0;
        String after = "";
        while (true) {
            List<?> rows = em.createNativeQuery("SELECT id, app_password FROM instance WHERE app_password IS NOT NULL"
                            + " AND app_password NOT LIKE 'v1.%' AND id > ?1 ORDER BY id")
                    .setParameter(1, after).setMaxResults(BATCH).getResultList();
            for (Object r : rows) {
                Object[] row = (Object[]) r;
                String id = (String) row[0];
                String clear = (String) row[1];
                after = id;
                sealed += em.createNativeQuery("UPDATE instance SET app_password = ?1 WHERE id = ?2 AND app_password = ?3")
                        .setParameter(1, passwords.seal(id, clear)).setParameter(2, id).setParameter(3, clear)
                        .executeUpdate();
            }
            if (rows.size() < BATCH) {
                break;
            }
        }
        if (sealed > 0) {
            LOG.infof("Sealed %d application passwords stored in clear with STALLKEEPER_DATA_KEY", sealed);
        }
    }
}
