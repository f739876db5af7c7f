package dev.stallkeeper.billing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BillingPeriodTest {

    @Test
    void boundariesAreBeijingMidnights() {
        BillingPeriod feb = BillingPeriod.parse("202602");
        assertThat(feb.start()).isEqualTo(Instant.parse("2026-01-31T16:00:00Z"));
        assertThat(feb.end()).isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
        assertThat(feb.id()).isEqualTo(202602);
        assertThat(feb).hasToString("202602");
        assertThat(feb.previous()).isEqualTo(BillingPeriod.of(2026, 1));
        assertThat(BillingPeriod.of(2026, 12).next()).isEqualTo(BillingPeriod.of(2027, 1));
    }

    @ParameterizedTest(name = "{0} is in {1}")
    @CsvSource({
            "2026-01-31T17:00:00Z, 202602",   // 01:00 on 1 February in Beijing (settlement-rules.md)
            "2026-01-31T15:59:59Z, 202601",   // 23:59:59 on 31 January in Beijing
            "2026-01-31T16:00:00Z, 202602",   // Beijing midnight exactly: the new month
            "2025-12-31T16:00:00Z, 202601",
            "2026-12-31T15:59:59.999Z, 202612"})
    void anInstantBelongsToItsBeijingMonth(String instant, String period) {
        BillingPeriod p = BillingPeriod.containing(Instant.parse(instant));
        assertThat(p).hasToString(period);
        assertThat(p.contains(Instant.parse(instant))).isTrue();
    }

    @Test
    void aPeriodHasEndedOnlyAfterItsBeijingEnd() {
        BillingPeriod jan = BillingPeriod.of(2026, 1);
        assertThat(jan.hasEnded(Instant.parse("2026-01-31T15:59:59Z"))).isFalse();
        assertThat(jan.hasEnded(Instant.parse("2026-01-31T16:00:00Z"))).isTrue();
    }

    @Test
    void refusesWhatIsNotYyyyMm() {
        assertThatThrownBy(() -> BillingPeriod.parse("2026-02")).hasMessageContaining("yyyyMM");
        assertThatThrownBy(() -> BillingPeriod.parse("202613")).hasMessageContaining("month 01-12");
        assertThatThrownBy(() -> BillingPeriod.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
