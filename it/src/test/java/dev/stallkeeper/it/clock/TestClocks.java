package dev.stallkeeper.it.clock;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.interceptor.Interceptor;
import java.time.Clock;

/**
 * Test only: replaces the application's one clock ({@code platform.Clocks}) with {@link ShiftedClock} in the
 * deployment under test (an alternative with a priority is selected for the whole application).
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
public class TestClocks {

    @Produces
    Clock clock() {
        return ShiftedClock.INSTANCE;
    }
}
