package dev.stallkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The application's clock moves only for the demo month, on the embedded database, once, while it loads. */
class DemoTimeTest {

    private static DemoTime time(Map<String, String> env) {
        DemoTime t = new DemoTime();
        t.config = new StallkeeperConfig(env, Map.of());
        return t;
    }

    @Test
    void neverWithoutDemoDataNorOnPostgreSql() {
        assertThatThrownBy(() -> time(Map.of()).begin()).hasMessageContaining("STALLKEEPER_DEMO_DATA");
        assertThatThrownBy(() -> time(Map.of("STALLKEEPER_DEMO_DATA", "true",
                "POSTGRESQL_URL", "jdbc:postgresql://db/s")).begin()).hasMessageContaining("PostgreSQL");
        assertThatThrownBy(() -> time(Map.of()).at(Instant.EPOCH)).hasMessageContaining("only while");
        assertThat(ApplicationClock.INSTANCE.offsetMillis()).isZero();
    }

    @Test
    void onceWhileLoadingThenTheSystemClockForGood() {
        DemoTime t = time(Map.of("STALLKEEPER_DEMO_DATA", "true"));
        Instant past = Instant.now().minus(Duration.ofDays(90));
        t.begin();
        try {
            t.at(past);
            assertThat(Duration.between(past, ApplicationClock.INSTANCE.instant()).abs()).isLessThan(Duration.ofSeconds(5));
        } finally {
            t.end();
        }
        assertThat(ApplicationClock.INSTANCE.offsetMillis()).isZero();
        assertThat(Duration.between(Instant.now(), ApplicationClock.INSTANCE.instant()).abs()).isLessThan(Duration.ofSeconds(5));
        assertThatThrownBy(() -> t.at(past)).hasMessageContaining("only while");
        assertThatThrownBy(t::begin).hasMessageContaining("once per process");
    }
}
