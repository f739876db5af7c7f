package dev.stallkeeper.usage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class PushCadenceTest {

    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private final PushCadence hourly = new PushCadence(PushCadence.Billing.HOURLY, BEIJING, Duration.ZERO);
    private final PushCadence daily = new PushCadence(PushCadence.Billing.DAILY, BEIJING, Duration.ZERO);

    @Test
    void hourlyUsageIsDueAtTheStartOfTheNextHour() {
        // the spec's example: usage at 13:25 is reported between 14:00 and 14:15
        assertThat(hourly.dueAt(Instant.parse("2026-11-29T13:25:00Z"))).isEqualTo(Instant.parse("2026-11-29T14:00:00Z"));
        assertThat(hourly.dueAt(Instant.parse("2026-11-29T13:59:59Z"))).isEqualTo(Instant.parse("2026-11-29T14:00:00Z"));
        assertThat(hourly.dueAt(Instant.parse("2026-11-29T13:00:01Z"))).isEqualTo(Instant.parse("2026-11-29T14:00:00Z"));
    }

    @Test
    void aRecordEndingOnTheHourBelongsToTheHourBefore() {
        assertThat(hourly.dueAt(Instant.parse("2026-11-29T14:00:00Z"))).isEqualTo(Instant.parse("2026-11-29T14:00:00Z"));
    }

    @Test
    void dailyUsageIsDueAtMidnightBeijingTime() {
        // 2026-11-29T15:59:59Z is 23:59:59 on the 29th in Beijing: due at 00:00 on the 30th = 16:00Z
        assertThat(daily.dueAt(Instant.parse("2026-11-29T15:59:59Z"))).isEqualTo(Instant.parse("2026-11-29T16:00:00Z"));
        // 16:00:01Z is already the 30th in Beijing: due a day later
        assertThat(daily.dueAt(Instant.parse("2026-11-29T16:00:01Z"))).isEqualTo(Instant.parse("2026-11-30T16:00:00Z"));
        assertThat(daily.dueAt(Instant.parse("2026-11-29T16:00:00Z"))).isEqualTo(Instant.parse("2026-11-29T16:00:00Z"));
    }

    @Test
    void theDelayShiftsTheDueTimeInsideKooGallerysQuarterHour() {
        PushCadence delayed = new PushCadence(PushCadence.Billing.HOURLY, BEIJING, Duration.ofMinutes(5));
        assertThat(delayed.dueAt(Instant.parse("2026-11-29T13:25:00Z"))).isEqualTo(Instant.parse("2026-11-29T14:05:00Z"));
    }

    @Test
    void billingIsParsedCaseInsensitivelyAndUnknownValuesAreRefused() {
        assertThat(PushCadence.parseBilling(" daily ")).isEqualTo(PushCadence.Billing.DAILY);
        assertThatThrownBy(() -> PushCadence.parseBilling("weekly")).hasMessageContaining("HOURLY or DAILY");
        assertThatThrownBy(() -> new PushCadence(PushCadence.Billing.HOURLY, BEIJING, Duration.ofMinutes(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
