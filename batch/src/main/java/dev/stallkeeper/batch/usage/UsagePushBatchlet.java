package dev.stallkeeper.batch.usage;

import dev.stallkeeper.usage.application.UsagePusher;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

/**
 * The usage push: calls {@link UsagePusher#pushOnce()} (at most 1000 records per call) until nothing is due, a call
 * fails (KooGallery is down: the records wait for their back-off, nothing is hammered) or {@code maxCalls} calls
 * were made. Holds no state of its own, so a run that dies is simply followed by the next one.
 */
@Dependent
@Named("usagePushBatchlet")
public class UsagePushBatchlet extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(UsagePushBatchlet.class);

    @Inject
    UsagePusher pusher;

    /** Calls to KooGallery per run at most (default 100, i.e. 100,000 records). */
    @Inject
    @BatchProperty
    String maxCalls;

    private volatile boolean stopped;

    @Override
    public String process() {
        int limit = maxCalls == null || maxCalls.isBlank() ? 100 : Integer.parseInt(maxCalls.trim());
        int calls = 0;
        int sent = 0;
        int accepted = 0;
        int rejected = 0;
        int parked = 0;
        boolean failed = false;
        while (!stopped && calls < limit) {
            UsagePusher.Result r = pusher.pushOnce();
            if (r.claimed() == 0) {
                break;
            }
            parked += r.parked();
            if (r.sent() > 0) {
                calls++;
                sent += r.sent();
                accepted += r.accepted();
                rejected += r.rejected();
            }
            if (r.callFailed()) {
                failed = true;
                break;
            }
        }
        String status = (failed ? "CALL_FAILED" : "PUSHED") + " calls=" + calls + " sent=" + sent + " accepted="
                + accepted + " rejected=" + rejected + " parked=" + parked;
        LOG.debugf("Usage push run: %s", status);
        return status; // the step's exit status
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
