package dev.stallkeeper.batch.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MonthlyScheduleTest {

    @Test
    void parsesDayAndBeijingTimeOrOff() {
        assertThat(MonthlySchedule.parse("3 02:00")).contains(new MonthlySchedule(3, 2, 0));
        assertThat(MonthlySchedule.parse(" 28 23:59 ")).contains(new MonthlySchedule(28, 23, 59));
        assertThat(MonthlySchedule.parse("OFF")).isEmpty();
        assertThat(new MonthlySchedule(3, 2, 0).timezone()).isEqualTo("Asia/Shanghai");
    }

    @Test
    void refusesDaysThatSomeMonthsLackAndOtherShapes() {
        assertThatThrownBy(() -> MonthlySchedule.parse("31 02:00")).hasMessageContaining("1-28");
        assertThatThrownBy(() -> MonthlySchedule.parse("3 2am")).hasMessageContaining("day HH:mm");
        assertThatThrownBy(() -> MonthlySchedule.parse("")).hasMessageContaining("day HH:mm");
    }

    @Test
    void aFiringSettlesThePreviousBeijingMonth() {
        // 02:00 on 3 March in Beijing is 18:00 on 2 March UTC: still settles February
        assertThat(MonthlySchedule.periodToSettle(Instant.parse("2026-03-02T18:00:00Z"))).hasToString("202602");
        // 00:30 on 1 January 2027 in Beijing is still 2026 in UTC
        assertThat(MonthlySchedule.periodToSettle(Instant.parse("2026-12-31T16:30:00Z"))).hasToString("202612");
    }
}
