package dev.stallkeeper.batch.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AsOfTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void absentOrBlankMeansNow() {
        assertThat(AsOf.resolve(null, clock)).isEqualTo(clock.instant());
        assertThat(AsOf.resolve("  ", clock)).isEqualTo(clock.instant());
    }

    @Test
    void anIsoInstantIsTakenAsGiven() {
        assertThat(AsOf.resolve(" 2030-01-01T00:00:00Z ", clock)).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void anythingElseIsRefusedWithTheExpectedForm() {
        assertThatThrownBy(() -> AsOf.resolve("yesterday", clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISO-8601").hasMessageContaining("yesterday");
    }
}
