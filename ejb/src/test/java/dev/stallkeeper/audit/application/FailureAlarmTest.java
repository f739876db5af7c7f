package dev.stallkeeper.audit.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.audit.application.CallbackStatistics.Hour;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailureAlarmTest {

    private static final Instant H = Instant.parse("2026-11-29T10:00:00Z");

    private static List<Hour> hours(Hour before, Hour last) {
        return List.of(before, last, new Hour(H.plusSeconds(7200), 1, 1, 0));
    }

    @Test
    void warnsAboutTheLastCompleteHourWhenItsRateIsHighAndRising() {
        Hour before = new Hour(H, 20, 1, 10);
        Hour last = new Hour(H.plusSeconds(3600), 20, 5, 10);
        assertThat(FailureAlarm.rising(hours(before, last), 20)).contains(last);
    }

    @Test
    void quietWhenTheRateIsLowFlatOrTheHourTooSmall() {
        Hour last = new Hour(H.plusSeconds(3600), 20, 3, 10);
        assertThat(FailureAlarm.rising(hours(new Hour(H, 20, 0, 1), last), 20)).as("15% < 20%").isEmpty();
        Hour high = new Hour(H.plusSeconds(3600), 20, 10, 10);
        assertThat(FailureAlarm.rising(hours(new Hour(H, 20, 10, 1), high), 20)).as("not rising").isEmpty();
        Hour small = new Hour(H.plusSeconds(3600), 9, 9, 10);
        assertThat(FailureAlarm.rising(hours(new Hour(H, 0, 0, 0), small), 20)).as("fewer than 10 callbacks").isEmpty();
    }
}
