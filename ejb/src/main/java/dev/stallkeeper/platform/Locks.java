package dev.stallkeeper.platform;

import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

/** Row claims for work shared by nodes: {@code SELECT ... FOR UPDATE SKIP LOCKED} through JPA. */
public final class Locks {

    /** Hibernate's lock-timeout value for SKIP LOCKED. */
    public static final int SKIP_LOCKED = -2;

    private Locks() {
    }

    /** The query's rows locked for this transaction, skipping rows another transaction holds. */
    public static <T> TypedQuery<T> skipLocked(TypedQuery<T> query) {
        return query.setLockMode(LockModeType.PESSIMISTIC_WRITE).setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED);
    }
}
