package dev.stallkeeper.provisioning.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The validity of an offline-delivered period product runs from its service start (koogallery-protocol.md §8.1). */
class InstanceServiceStartTest {

    /** When the acceptance is recorded: a fixed instant, the outcome must not depend on the day the test runs. */
    private static final Instant ACCEPTED_AT = Instant.parse("2026-03-02T08:00:00Z");

    private static Instance active(String periodType, Integer periodNumber) {
        Instance i = new Instance();
        try {
            set(i, "id", "i-1");
            set(i, "state", InstanceState.ACTIVE);
            set(i, "periodType", periodType);
            set(i, "periodNumber", periodNumber);
            set(i, "expiresAt", Instant.parse("2026-02-01T00:00:00Z"));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return i;
    }

    private static void set(Instance i, String field, Object value) throws ReflectiveOperationException {
        var f = Instance.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(i, value);
    }

    @Test
    void theDocumentedExampleBoughtForAMonthAcceptedAMonthLater() {
        Instance i = active("month", 1);
        // accepted on 1 Feb (Beijing) without an entered start: valid 1 Feb to 1 Mar
        assertThat(i.startServiceAt(Instant.parse("2026-01-31T16:00:00Z"), ACCEPTED_AT)).isTrue();
        assertThat(i.expiresAt()).isEqualTo(Instant.parse("2026-02-28T16:00:00Z"));
        // start entered as 1 Jan: valid 1 Jan to 1 Feb
        assertThat(i.startServiceAt(Instant.parse("2025-12-31T16:00:00Z"), ACCEPTED_AT)).isTrue();
        assertThat(i.expiresAt()).isEqualTo(Instant.parse("2026-01-31T16:00:00Z"));
    }

    @Test
    void yearsCountInCalendarYearsAndProductsWithoutAPeriodKeepTheirExpiry() {
        Instance y = active("year", 2);
        y.startServiceAt(Instant.parse("2026-03-01T00:00:00Z"), ACCEPTED_AT);
        assertThat(y.expiresAt()).isEqualTo(Instant.parse("2028-03-01T00:00:00Z"));
        Instance none = active(null, null);
        assertThat(none.startServiceAt(Instant.parse("2026-03-01T00:00:00Z"), ACCEPTED_AT)).isFalse();
        assertThat(none.expiresAt()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    }
}
