package dev.stallkeeper.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/**
 * The one clock of the application: UTC ({@link ApplicationClock}; only the quick start's demo loading moves it, see
 * {@link DemoTime}). Tests of pure code pass their own.
 */
@ApplicationScoped
public class Clocks {
    @Produces
    Clock clock() {
        return ApplicationClock.INSTANCE;
    }
}
