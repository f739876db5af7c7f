package dev.stallkeeper.batch;

import dev.stallkeeper.platform.StallkeeperConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobStartException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * The one place that starts Stallkeeper's batch jobs, and their schedules (EJB timers, not persistent: every
 * node arms its own at start). Jobs record their executions in JBeret's JDBC job repository, so history and
 * restarts survive a server restart.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class JobLauncher {

    /** Forgets expired nonces and applies the audit retention. */
    public static final String HOUSEKEEPING = "housekeeping";

    private static final Logger LOG = Logger.getLogger(JobLauncher.class);

    @Resource
    TimerService timers;

    @Inject
    StallkeeperConfig config;

    @PostConstruct
    void schedule() {
        Duration every = config.housekeepingInterval();
        // The first run comes a minute after start, so that a restart loop does not also churn the job history.
        timers.createIntervalTimer(Duration.ofMinutes(1).toMillis(), every.toMillis(),
                new TimerConfig(HOUSEKEEPING, false));
        LOG.infof("Housekeeping job scheduled every %d minutes", every.toMinutes());
    }

    @Timeout
    void onTimer(Timer timer) {
        if (HOUSEKEEPING.equals(timer.getInfo())) {
            try {
                start(HOUSEKEEPING, new Properties());
            } catch (RuntimeException e) {
                LOG.warnf("Scheduled %s job did not start: %s", HOUSEKEEPING, e.getMessage());
            }
        }
    }

    /** Starts a job of this application; returns its execution id. */
    public long start(String jobName, Properties parameters) {
        try {
            long id = operator().start(jobName, parameters);
            LOG.debugf("Started job %s, execution %d", jobName, id);
            return id;
        } catch (JobStartException e) {
            throw new IllegalStateException("job " + jobName + " could not start: " + e.getMessage(), e);
        }
    }

    public JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
