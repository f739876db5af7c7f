package dev.stallkeeper.provisioning.application;

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

    /** Claims and runs one attempt if the work is due; true when an attempt ran to success. */
    public boolean runOnce(long workId) {
        Optional<WorkClaim> claim = store.claim(workId);
        if (claim.isEmpty()) {
            return false;
        }
        try {
            return worker.run(claim.get());
        } catch (ProvisioningException e) {
            LOG.warnf("Work %d (%s of %s) attempt %d failed: %s", workId, claim.get().kind(),
                    claim.get().instanceId(), claim.get().attempt(), e.getMessage());
            store.recordFailure(claim.get(), e.getMessage(), e.permanent());
        } catch (RuntimeException e) {
            Throwable cause = e instanceof EJBException && e.getCause() != null ? e.getCause() : e;
            LOG.warnf(cause, "Work %d (%s of %s) attempt %d failed", workId, claim.get().kind(),
                    claim.get().instanceId(), claim.get().attempt());
            store.recordFailure(claim.get(), describe(cause), false);
        }
        return false;
    }

    /** Runs the work in the background now; the poller picks it up anyway if this node dies. */
    public Optional<Future<Boolean>> submit(long workId) {
        try {
            return Optional.of(executor.submit(() -> runOnce(workId)));
        } catch (RejectedExecutionException e) {
            LOG.debugf("Executor busy; work %d left to the poller", workId);
            return Optional.empty();
        }
    }

    /** Runs the work, waiting at most {@code budget}; the attempt goes on in the background after that. */
    public void runWithin(long workId, Duration budget) {
        Optional<Future<Boolean>> future = submit(workId);
        if (future.isEmpty()) {
            return;
        }
        try {
            future.get().get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.debugf("Work %d still running after %d ms; answering meanwhile", workId, budget.toMillis());
        } catch (ExecutionException e) {
            LOG.debugf(e.getCause(), "Work %d failed", workId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
