package dev.stallkeeper.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The only way to move the application's clock ({@link ApplicationClock}): for the quick start's demo month, whose
 * loader replays the last three months through the application's services, each step at its own hour. Allowed once
 * per process, only with {@code STALLKEEPER_DEMO_DATA=true} on the embedded database (never on PostgreSQL: the
 * {@link ProductionGuard} refuses demo data there, and this checks again), and only between {@link #begin} and
 * {@link #end}; after {@code end} the clock is the system clock for good. While the window is open, requests wait at
 * the door ({@link #awaitLoaded}, the web module's gate), so that no request ever sees the moved clock.
 */
@ApplicationScoped
public class DemoTime {

    private static final Logger LOG = Logger.getLogger(DemoTime.class);

    /** Whether this process has used its one loading window (begun, whether ended or not). */
    private static final AtomicBoolean USED = new AtomicBoolean();
    private static volatile boolean loading;
    private static final Object LOADED = new Object();

    @Inject
    StallkeeperConfig config;

    /** Opens the loading window; refused without demo data, on PostgreSQL, or the second time. */
    public void begin() {
        if (!config.demoData()) {
            throw new IllegalStateException("the clock moves only for the quick start's demo data (STALLKEEPER_DEMO_DATA)");
        }
        if (ProductionGuard.onPostgreSql(config)) {
            throw new IllegalStateException("the clock never moves on PostgreSQL");
        }
        if (!USED.compareAndSet(false, true)) {
            throw new IllegalStateException("the demo's loading window is open once per process");
        }
        loading = true;
    }

    /** The application's clock reads {@code at} now (it runs on from there). Only inside the loading window. */
    public void at(Instant at) {
        if (!loading) {
            throw new IllegalStateException("the clock moves only while the demo month loads");
        }
        ApplicationClock.INSTANCE.readAt(at);
    }

    /** Closes the loading window: the system clock again, for good. */
    public void end() {
        ApplicationClock.INSTANCE.reset();
        synchronized (LOADED) {
            loading = false;
            LOADED.notifyAll();
        }
        LOG.debug("Demo loading window closed: the application's clock is the system clock");
    }

    /** Whether the demo month is loading now (the clock may read another time). */
    public static boolean loading() {
        return loading;
    }

    /**
     * Waits until the demo month has loaded, at most {@code maxMillis}; true when it is not loading (any more). A
     * request of the quick start that arrives while the demo loads waits here for a few seconds.
     */
    public static boolean awaitLoaded(long maxMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + maxMillis;
        synchronized (LOADED) {
            while (loading) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                LOADED.wait(left);
            }
        }
        return true;
    }
}
