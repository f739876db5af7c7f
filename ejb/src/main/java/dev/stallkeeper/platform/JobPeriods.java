package dev.stallkeeper.platform;

import java.time.Duration;
import java.time.Instant;

/** The periods of jobs that run every so often, as {@link JobClaims} claims them. */
public final class JobPeriods {

    private JobPeriods() {
    }

    /**
     * The period of a job that runs every {@code every}: the number of whole intervals since the epoch. Timers of
     * different nodes fire at different moments, but each fires once per interval, so each period gets one run.
     */
    public static long slot(Instant at, Duration every) {
        return Math.floorDiv(at.toEpochMilli(), every.toMillis());
    }
}
