package dev.stallkeeper.provisioning.application;

import dev.stallkeeper.platform.StallkeeperConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many provisioning attempts this node has running or queued. Only a load signal (the work itself is
 * durable state in the database): when it is high, a newInstance does not wait for its attempt but answers
 * {@code 000004} at once, so that KooGallery gets its answer in time and polls queryInstance instead of timing
 * out and resending into an overloaded server.
 */
@ApplicationScoped
public class ProvisioningLoad {

    private final AtomicInteger inFlight = new AtomicInteger();

    @Inject
    StallkeeperConfig config;

    void started() {
        inFlight.incrementAndGet();
    }

    void finished() {
        inFlight.decrementAndGet();
    }

    public int inFlight() {
        return inFlight.get();
    }

    /** True when callbacks should not wait for their attempts any more. */
    public boolean saturated() {
        return inFlight.get() >= config.provisioningInlineMax();
    }
}
