package dev.stallkeeper.usage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UsageReadingTest {

    private static final Instant NOW = Instant.parse("2026-11-29T14:02:00Z");
    private static final Set<String> UNITS = Set.of("hour", "GB");

    private static List<String> problems(String id, String unit, String value, String begin, String end) {
        List<String> problems = new ArrayList<>();
        UsageReading.parse("records[0]", id, "inst-1", unit, value, begin, end, null, UNITS, NOW, problems);
        return problems;
    }

    @Test
    void aGoodRecordParses() {
        List<String> problems = new ArrayList<>();
        UsageReading r = UsageReading.parse("records[0]", "r-1", "inst-1", "hour", "1.5000", "2026-11-29T13:00:00Z",
                "2026-11-29T22:00:00+08:00", null, UNITS, NOW, problems);
        assertThat(problems).isEmpty();
        assertThat(r.value()).isEqualByComparingTo(new BigDecimal("1.5"));
        assertThat(r.end()).isEqualTo(Instant.parse("2026-11-29T14:00:00Z"));
        assertThat(r.sameAs(new UsageReading("r-1", "inst-1", "hour", new BigDecimal("1.50"), r.begin(), r.end(), null)))
                .isTrue();
        assertThat(r.sameAs(new UsageReading("r-1", "inst-1", "hour", new BigDecimal("1.51"), r.begin(), r.end(), null)))
                .isFalse();
    }

    @Test
    void zeroIsAllowedNegativeAndTooPreciseValuesAreNot() {
        assertThat(problems("r", "hour", "0", "2026-11-29T13:00:00Z", "2026-11-29T14:00:00Z")).isEmpty();
        assertThat(problems("r", "hour", "-1", "2026-11-29T13:00:00Z", "2026-11-29T14:00:00Z"))
                .singleElement().asString().contains("must not be negative");
        assertThat(problems("r", "hour", "1.00001", "2026-11-29T13:00:00Z", "2026-11-29T14:00:00Z"))
                .singleElement().asString().contains("more than 4 decimals");
        assertThat(problems("r", "hour", "lots", "2026-11-29T13:00:00Z", "2026-11-29T14:00:00Z"))
                .singleElement().asString().contains("not a decimal");
    }

    @Test
    void hugeExponentsAreRefusedWithoutExpandingThem() {
        // "1e999999999" as plain text is a billion characters: refused from its digit count alone
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(2), () -> {
            assertThat(problems("r", "hour", "1e999999999", "2026-11-29T13:00:00Z", "2026-11-29T14:00:00Z"))
                    .singleElement().asString().contains("out of range");
            assertThat(problems("r", "hour", "1e-999999999", "2026-11-29T13:00:00Z", "2026-11-29T14:00:00Z"))
                    .singleElement().asString().contains("out of range");
        });
        assertThat(problems("r", "hour", "999999999999999.9999", "2026-11-29T13:00:00Z", "2026-11-29T14:00:00Z"))
                .isEmpty();
        assertThat(problems("r", "hour", "1e16", "2026-11-29T13:00:00Z", "2026-11-29T14:00:00Z"))
                .singleElement().asString().contains("out of range");
    }

    @Test
    void unknownUnitsBadTimesAndMissingFieldsAreNamed() {
        assertThat(problems("r", "minute", "1", "2026-11-29T13:00:00Z", "2026-11-29T14:00:00Z"))
                .singleElement().asString().contains("unknown unit 'minute'");
        assertThat(problems("r", "hour", "1", "2026-11-29T14:00:00Z", "2026-11-29T13:00:00Z"))
                .singleElement().asString().contains("beginTime is after endTime");
        assertThat(problems("r", "hour", "1", "2026-11-29T14:00:00Z", "2026-11-29T15:00:00Z"))
                .singleElement().asString().contains("in the future");
        assertThat(problems("r", "hour", "1", "2026-11-29T13:00:00.5Z", "2026-11-29T14:00:00Z"))
                .singleElement().asString().contains("whole seconds");
        assertThat(problems("r", "hour", "1", "yesterday", "2026-11-29T14:00:00Z"))
                .singleElement().asString().contains("ISO-8601");
        assertThat(problems(null, null, null, null, null)).hasSize(5)
                .allSatisfy(p -> assertThat(p).startsWith("records[0]: "));
    }
}
