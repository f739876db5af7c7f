package dev.stallkeeper.batch.housekeeping;

import dev.stallkeeper.audit.application.AuditRetention;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Step 1 of housekeeping: forgets nonces that the signature window already refuses. */
@Dependent
@Named("nonceCleanup")
public class NonceCleanup extends AbstractBatchlet {

    private static final Logger LOG = Logger.getLogger(NonceCleanup.class);

    @Inject
    AuditRetention retention;

    @Inject
    Clock clock;

    @Inject
    @BatchProperty
    String asOf;

    @Override
    public String process() {
        Instant horizon = retention.nonceHorizon(AsOf.resolve(asOf, clock));
        int purged = retention.purgeNonces(horizon);
        LOG.debugf("Housekeeping: %d nonces received before %s forgotten", purged, horizon);
        return "PURGED " + purged; // the step's exit status
    }
}
