package dev.stallkeeper.provisioning.application;

import dev.stallkeeper.provisioning.domain.WorkClaim;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Attempts on this node whose outcome could not be written because the database went away under them. Their claims
 * would hold the work until the lease ends (120 s by default); the {@link WorkPoller} gives them back as soon as the
 * database answers, so the work runs again within seconds. Bounded: beyond {@link #MAX} the lease is the fallback.
 */
@ApplicationScoped
public class UnrecordedAttempts {

    static final int MAX = 10_000;

    private final ConcurrentLinkedQueue<WorkClaim> claims = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    public void add(WorkClaim claim) {
        if (size.incrementAndGet() <= MAX) {
            claims.add(claim);
        } else {
            size.decrementAndGet();
        }
    }

    /** Takes every claim waiting; put back with {@link #add} what could not be released. */
    public List<WorkClaim> drain() {
        List<WorkClaim> out = new ArrayList<>();
        for (WorkClaim c; (c = claims.poll()) != null; ) {
            size.decrementAndGet();
            out.add(c);
        }
        return out;
    }

    public int size() {
        return size.get();
    }
}
