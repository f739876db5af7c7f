package dev.stallkeeper.batch;

import dev.stallkeeper.batch.settlement.MonthlySchedule;
import dev.stallkeeper.billing.application.Settlements;
import dev.stallkeeper.billing.domain.BillingPeriod;
import dev.stallkeeper.billing.domain.SettlementException;
import dev.stallkeeper.billing.domain.SettlementRun;
import dev.stallkeeper.platform.JobClaims;
import dev.stallkeeper.platform.NotFoundException;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.usage.application.UsageQueue;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.JobStartException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.ScheduleExpression;
import jakarta.ejb.Timeout;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.jboss.logging.Logger;

/**
 * The one place that starts Stallkeeper's batch jobs, and their schedules (EJB timers, not persistent: every
 * node arms its own at start; a claim in the database lets one node per period start each periodic job). Jobs
 * record their executions in JBeret's JDBC job repository, so history and restarts survive a server restart.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class JobLauncher {

    /** Forgets expired nonces and applies the audit retention. */
    public static final String HOUSEKEEPING = "housekeeping";
    /** Monthly settlement of a period (docs/settlement.md); job parameter {@code period=yyyyMM}. */
    public static final String SETTLEMENT = "settlement-reconciliation";
    /** Pushes due pay-per-use usage to KooGallery (docs/usage-push.md). */
    public static final String USAGE_PUSH = "usage-push";

    private static final Logger LOG = Logger.getLogger(JobLauncher.class);

    /** How long periodic jobs' claims stay in {@code job_claim} (the job history keeps the runs themselves). */
    private static final Duration CLAIMS_KEPT = Duration.ofDays(7);

    @Resource
    TimerService timers;

    @Inject
    StallkeeperConfig config;

    @Inject
    Settlements settlements;

    @Inject
    Clock clock;

    @Inject
    UsageQueue usage;

    @Inject
    JobClaims claims;

    /** This node's most recent usage push execution (timer callbacks run one at a time). */
    private volatile Long lastUsagePush;

    @PostConstruct
    void schedule() {
        Duration every = config.housekeepingInterval();
        // The first run comes a minute after start, so that a restart loop does not also churn the job history.
        timers.createIntervalTimer(Duration.ofMinutes(1).toMillis(), every.toMillis(),
                new TimerConfig(HOUSEKEEPING, false));
        LOG.infof("Housekeeping job scheduled every %d minutes", every.toMinutes());
        scheduleSettlement();
        Duration usageEvery = config.usagePushInterval();
        timers.createIntervalTimer(Math.min(usageEvery.toMillis(), Duration.ofSeconds(30).toMillis()),
                usageEvery.toMillis(), new TimerConfig(USAGE_PUSH, false));
        LOG.infof("Usage push looks for due records every %d seconds", usageEvery.toSeconds());
    }

    /** Every node arms the monthly timer; the period's claim in the database lets exactly one of them start the job. */
    private void scheduleSettlement() {
        Optional<MonthlySchedule> schedule;
        try {
            schedule = MonthlySchedule.parse(config.settlementSchedule());
        } catch (IllegalArgumentException e) {
            LOG.errorf("Settlement not scheduled: %s", e.getMessage());
            return;
        }
        if (schedule.isEmpty()) {
            LOG.info("Settlement schedule is off: start runs by hand");
            return;
        }
        MonthlySchedule s = schedule.get();
        timers.createCalendarTimer(new ScheduleExpression().dayOfMonth(s.dayOfMonth()).hour(s.hour())
                .minute(s.minute()).second(0).timezone(s.timezone()), new TimerConfig(SETTLEMENT, false));
        LOG.infof("Settlement of the previous period scheduled on %s", s);
    }

    /**
     * Without a transaction of its own: a tick that fails (the database away) is caught and logged in one line
     * instead of rolling back the timer's transaction, which WildFly logs and retries at once.
     */
    @Timeout
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void onTimer(Timer timer) {
        if (SETTLEMENT.equals(timer.getInfo())) {
            BillingPeriod period = MonthlySchedule.periodToSettle(clock.instant());
            try {
                if (settlements.claim(period, config.nodeId())) {
                    long execution = startSettlement(period);
                    LOG.infof("Monthly settlement of %s started (execution %d)", period, execution);
                } else {
                    LOG.infof("Monthly settlement of %s: claimed already (another node, or an earlier run)", period);
                }
            } catch (RuntimeException e) {
                LOG.errorf("Monthly settlement of %s did not start: %s", period, e.getMessage());
            }
        } else if (USAGE_PUSH.equals(timer.getInfo())) {
            startUsagePushIfDue();
        } else if (HOUSEKEEPING.equals(timer.getInfo())) {
            try {
                if (!claims.claim(HOUSEKEEPING, config.housekeepingInterval())) {
                    LOG.debugf("Housekeeping of this period claimed by another node");
                    return;
                }
                start(HOUSEKEEPING, new Properties());
                claims.forgetOlderThan(CLAIMS_KEPT);
            } catch (RuntimeException e) {
                LOG.warnf("Scheduled %s job did not start: %s", HOUSEKEEPING, e.getMessage());
            }
        }
    }

    /**
     * Starts the usage push when records are due, this node is not running one already and no other node has
     * started this period's (another node's run would be harmless: the records' claims are FOR UPDATE SKIP LOCKED,
     * but it doubles the job history). A cheap look first, so idle hours add no job history.
     */
    private void startUsagePushIfDue() {
        try {
            if (!usage.anyDue() || usagePushRunning() || !claims.claim(USAGE_PUSH, config.usagePushInterval())) {
                return;
            }
            lastUsagePush = start(USAGE_PUSH, new Properties());
        } catch (RuntimeException e) {
            LOG.warnf("Scheduled %s job did not start: %s", USAGE_PUSH, e.getMessage());
        }
    }

    /** Whether this node's last usage push run is still going (other nodes' runs are not looked at). */
    private boolean usagePushRunning() {
        Long last = lastUsagePush;
        if (last == null) {
            return false;
        }
        try {
            jakarta.batch.runtime.BatchStatus status = operator().getJobExecution(last).getBatchStatus();
            return status == jakarta.batch.runtime.BatchStatus.STARTING
                    || status == jakarta.batch.runtime.BatchStatus.STARTED;
        } catch (RuntimeException e) {
            lastUsagePush = null; // unknown to the repository any more: do not let it block every later run
            return false;
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

    /**
     * Starts the settlement of {@code period} (the admin console's "run now"). A period settled already ends at
     * once without change; one that has not ended, or that another job instance is running, fails with the reason
     * in its step execution. Returns the execution id.
     */
    public long startSettlement(BillingPeriod period) {
        Properties parameters = new Properties();
        parameters.setProperty("period", period.toString());
        return start(SETTLEMENT, parameters);
    }

    /**
     * Restarts the period's run after a failure or a crash: its partitions continue from their committed
     * positions. Returns the new execution id.
     */
    public long restartSettlement(BillingPeriod period) {
        SettlementRun run = settlements.run(period)
                .orElseThrow(() -> new NotFoundException("period " + period + " has no run to restart"));
        if (run.executionId() == null || run.status() == SettlementRun.Status.COMPLETED) {
            throw new SettlementException("period " + period + " is " + run.status() + ": nothing to restart");
        }
        Properties parameters = new Properties();
        parameters.setProperty("period", period.toString());
        try {
            return operator().restart(run.executionId(), parameters);
        } catch (JobExecutionAlreadyCompleteException | NoSuchJobExecutionException | JobExecutionNotMostRecentException
                 | JobRestartException e) {
            throw new SettlementException("period " + period + " cannot be restarted: " + e.getMessage());
        }
    }

    /** A job execution as the job repository records it. */
    public record Execution(long id, String jobName, String batchStatus, String exitStatus, java.time.Instant start,
                            java.time.Instant end) {
    }

    /** The execution with this id, if the job repository knows it. */
    public Optional<Execution> execution(long executionId) {
        try {
            JobExecution e = operator().getJobExecution(executionId);
            return Optional.of(new Execution(e.getExecutionId(), e.getJobName(), e.getBatchStatus().name(),
                    e.getExitStatus(), e.getStartTime() == null ? null : e.getStartTime().toInstant(),
                    e.getEndTime() == null ? null : e.getEndTime().toInstant()));
        } catch (NoSuchJobExecutionException e) {
            return Optional.empty();
        }
    }

    public JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
