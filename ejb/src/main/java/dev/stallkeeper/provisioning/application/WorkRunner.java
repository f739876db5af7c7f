package dev.stallkeeper.provisioning.application;

import dev.stallkeeper.provisioning.domain.WorkClaim;
import dev.stallkeeper.provisioning.infrastructure.ProvisioningStore;
import dev.stallkeeper.provisioning.spi.ProvisioningException;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import dev.stallkeeper.platform.QuietLog;
import org.jboss.logging.Logger;

/**
 * Runs background work: claim, attempt, record the outcome. Used by callbacks (inline, bounded by a time
 * budget so that KooGallery always gets an answer in time) and by the poller.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WorkRunner {

    private static final Logger LOG = Logger.getLogger(WorkRunner.class);

    @Resource(lookup = "java:jboss/ee/concurrency/executor/stallkeeper")
    ManagedExecutorService executor;

    @Inject
    ProvisioningStore store;

    @Inject
    ProvisioningWorker worker;

    @Inject
    ProvisioningLoad load;

    @Inject
    HeldClaims held;

    @Inject
    UnrecordedAttempts unrecorded;

    private static final QuietLog QUIET = QuietLog.warnings(LOG);

    /** Claims and runs one attempt if the work is due; true when an attempt ran to success. */
    public boolean runOnce(long workId) {
        return store.claim(workId).map(this::attempt).orElse(false);
    }

    /** Runs one attempt of an already claimed piece of work and records its failure; true on success. */
    public boolean attempt(WorkClaim claim) {
        long workId = claim.workId();
        held.hold(claim);
        try {
            return worker.run(claim);
        } catch (ProvisioningException e) {
            LOG.warnf("Work %d (%s of %s) attempt %d failed: %s", workId, claim.kind(),
                    claim.instanceId(), claim.attempt(), e.getMessage());
            record(claim, e.getMessage(), e.permanent(), e);
        } catch (RuntimeException e) {
            Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
            QUIET.failure(String.format("Work %d (%s of %s) attempt %d failed", workId, claim.kind(),
                    claim.instanceId(), claim.attempt()), cause);
            record(claim, describe(cause), false, cause);
        } finally {
            held.done(claim);
        }
        return false;
    }

    /** Records the failure; when the database does not take it, the poller gives the claim back once it does. */
    private void record(WorkClaim claim, String error, boolean permanent, Throwable failure) {
        try {
            store.recordFailure(claim, error, permanent);
        } catch (RuntimeException e) {
            unrecorded.add(claim);
            LOG.debugf("Work %d: failure not recorded (%s); released when the database answers", claim.workId(), e);
        }
    }

    /** Runs the work in the background now; the poller picks it up anyway if this node dies. */
    public Optional<Future<Boolean>> submit(long workId) {
        return submit(() -> runOnce(workId), workId);
    }

    private Optional<Future<Boolean>> submit(java.util.concurrent.Callable<Boolean> task, long workId) {
        load.started();
        try {
            return Optional.of(executor.submit(() -> {
                try {
                    return task.call();
                } finally {
                    load.finished();
                }
            }));
        } catch (RejectedExecutionException e) {
            load.finished();
            LOG.debugf("Executor busy; work %d left to the poller", workId);
            return Optional.empty();
        }
    }

    /** Claims and runs the work if it is due, waiting at most {@code budget}; true on success within it. */
    public boolean runWithin(long workId, Duration budget) {
        return await(submit(workId), workId, budget);
    }

    /**
     * Runs the attempt that {@code claim} holds, waiting at most {@code budget}; the attempt goes on in the
     * background after that (and the poller takes the work over once the lease ends if this node dies).
     * True when the attempt succeeded within the budget.
     */
    public boolean runWithin(WorkClaim claim, Duration budget) {
        boolean saturated = load.saturated(); // judged before this attempt joins the queue
        held.hold(claim); // from its creation until the attempt ends (or a shutdown gives it back)
        Optional<Future<Boolean>> future = submit(() -> attempt(claim), claim.workId());
        if (saturated) {
            LOG.debugf("%d attempts in flight: work %d runs in the background, the callback does not wait",
                    load.inFlight(), claim.workId());
            return false;
        }
        return await(future, claim.workId(), budget);
    }

    private static boolean await(Optional<Future<Boolean>> future, long workId, Duration budget) {
        if (future.isEmpty()) {
            return false;
        }
        try {
            return Boolean.TRUE.equals(future.get().get(budget.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            LOG.debugf("Work %d still running after %d ms; answering meanwhile", workId, budget.toMillis());
        } catch (ExecutionException e) {
            LOG.debugf(e.getCause(), "Work %d failed", workId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
