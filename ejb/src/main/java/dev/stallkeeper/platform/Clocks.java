package dev.stallkeeper.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.ZoneId;

/**
 * The one clock of the application: UTC ({@link ApplicationClock}; only the quick start's demo loading moves it, see
 * {@link DemoTime}). Tests of pure code pass their own.
 */
@ApplicationScoped
public class Clocks {

    /** Beijing time, in which KooGallery and people read times (inside, time is a UTC instant). */
    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    @Produces
    Clock clock() {
        return ApplicationClock.INSTANCE;
    }
}
