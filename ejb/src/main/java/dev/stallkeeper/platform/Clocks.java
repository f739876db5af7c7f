package dev.stallkeeper.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The one clock of the application: UTC. Tests of pure code pass their own. */
@ApplicationScoped
public class Clocks {
    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }
}
