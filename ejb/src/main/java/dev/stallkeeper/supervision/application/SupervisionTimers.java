package dev.stallkeeper.supervision.application;

import dev.stallkeeper.platform.QuietLog;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The clock of supervision, on every node (a non-persistent timer; row locks keep two nodes from completing the
 * same supervision): every five seconds, completes accepted supervisions whose completion is due and settles the
 * bills that arrived after their supervision completed.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// A tick has no transaction of its own: each call opens one, so a failure (the database away) is caught and logged
// here instead of rolling the timer's transaction back, which WildFly logs and retries at once.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SupervisionTimers {

    private static final Logger LOG = Logger.getLogger(SupervisionTimers.class);

    @Inject
    Supervisions supervisions;

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false, info = "stallkeeper-supervision-clock")
    void tick() {
        try {
            while (supervisions.completeDue(20) == 20) {
                // more were due: keep going
            }
            supervisions.completeLateBills(100);
        } catch (RuntimeException e) {
            LOG.warnf("Supervision completion sweep failed: %s", QuietLog.root(e));
        }
    }
}
