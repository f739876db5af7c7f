package dev.stallkeeper.provisioning.application;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
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

    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false, info = "stallkeeper-work-poller")
    void poll() {
        try {
            List<Long> due = store.dueWork(BATCH);
            for (Long id : due) {
                runner.submit(id);
            }
            if (!due.isEmpty()) {
                LOG.debugf("Submitted %d due work items", due.size());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Work poller could not read due work: %s", e.getMessage());
        }
    }
}
