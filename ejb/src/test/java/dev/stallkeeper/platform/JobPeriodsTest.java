package dev.stallkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobPeriodsTest {

    private static final Duration EVERY = Duration.ofMinutes(15);

    @Test
    void timersOfTwoNodesFiringWithinOneIntervalShareItsPeriod() {
        Instant start = Instant.ofEpochSecond(1_800_000_000L).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        assertThat(JobPeriods.slot(start.plusSeconds(1), EVERY)).isEqualTo(JobPeriods.slot(start.plus(EVERY).minusMillis(1), EVERY));
        assertThat(JobPeriods.slot(start.plus(EVERY), EVERY)).isEqualTo(JobPeriods.slot(start, EVERY) + 1);
    }

    @Test
    void anIntervalTimerFiresOncePerPeriodWhateverItsPhase() {
        // a node's timer fires every EVERY from an arbitrary phase: consecutive fires land in consecutive periods
        Instant first = Instant.ofEpochMilli(1_800_000_123_457L);
        for (int i = 0; i < 100; i++) {
            Instant fire = first.plus(EVERY.multipliedBy(i));
            assertThat(JobPeriods.slot(fire.plus(EVERY), EVERY)).isEqualTo(JobPeriods.slot(fire, EVERY) + 1);
        }
    }
}
