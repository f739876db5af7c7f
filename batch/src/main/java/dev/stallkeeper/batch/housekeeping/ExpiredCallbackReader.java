package dev.stallkeeper.batch.housekeeping;

import dev.stallkeeper.audit.application.AuditRetention;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Reads the ids of callbacks past the audit retention, ascending, a page at a time (keyset paging, so that
 * each page costs the same however many rows went before). The checkpoint is the last id handed out.
 */
@Dependent
@Named("expiredCallbackReader")
public class ExpiredCallbackReader extends AbstractItemReader {

    static final int PAGE = 500;

    @Inject
    AuditRetention retention;

    @Inject
    Clock clock;

    @Inject
    @BatchProperty
    String asOf;

    private Instant horizon;
    private long lastId;
    private final Deque<Long> page = new ArrayDeque<>();
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        Optional<Instant> before = retention.callbackHorizon(AsOf.resolve(asOf, clock));
        exhausted = before.isEmpty();
        horizon = before.orElse(null);
        lastId = checkpoint == null ? Long.MIN_VALUE : (Long) checkpoint;
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(retention.expiredCallbackIds(horizon, lastId, PAGE));
            exhausted = page.size() < PAGE;
        }
        Long id = page.poll();
        if (id != null) {
            lastId = id;
        }
        return id;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastId;
    }
}
