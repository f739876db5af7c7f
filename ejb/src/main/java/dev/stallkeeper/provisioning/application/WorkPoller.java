package dev.stallkeeper.provisioning.application;

import dev.stallkeeper.platform.QuietLog;
import dev.stallkeeper.provisioning.domain.WorkClaim;
import dev.stallkeeper.provisioning.infrastructure.ProvisioningStore;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Picks up due background work on every node every two seconds: work left by a crash, retries after
 * back-off, and anything a busy executor could not take at once. Claims are per item, so nodes share the
 * queue without coordination.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class WorkPoller {

    private static final Logger LOG = Logger.getLogger(WorkPoller.class);
    private static final int BATCH = 50;

    @Inject
    ProvisioningStore store;

    @Inject
    WorkRunner runner;

    @Inject
    UnrecordedAttempts unrecorded;

    /** Not failing: the tick has no transaction of its own (each call has one), so nothing rolls back or reruns. */
    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false, info = "stallkeeper-work-poller")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void poll() {
        try {
            releaseUnrecorded();
            List<Long> due = store.dueWork(BATCH);
            for (Long id : due) {
                runner.submit(id);
            }
            if (!due.isEmpty()) {
                LOG.debugf("Submitted %d due work items", due.size());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Work poller could not read due work: %s", QuietLog.root(e));
        }
    }

    /** Attempts that died with the database: their work is due again now that it answers. */
    private void releaseUnrecorded() {
        List<WorkClaim> claims = unrecorded.drain();
        for (int i = 0; i < claims.size(); i++) {
            try {
                store.releaseUnrecorded(claims.get(i), "database unavailable during the attempt");
            } catch (RuntimeException e) {
                claims.subList(i, claims.size()).forEach(unrecorded::add);
                throw e;
            }
        }
        if (!claims.isEmpty()) {
            LOG.infof("%d attempts that died with the database are due again", claims.size());
        }
    }
}
