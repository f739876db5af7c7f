package dev.stallkeeper.usage.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The push state machine of one record: claim, window and parking, back-off, replay. */
class UsageRecordTest {

    private static final Instant NOW = Instant.parse("2026-11-29T14:02:00Z");
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration BASE = Duration.ofSeconds(10);
    private static final Duration MAX = Duration.ofMinutes(15);
    private final PushWindow window = new PushWindow(Duration.ofHours(1));

    private static UsageRecord record(Instant begin, String value) {
        return new UsageRecord(1, "r-1", "sn-1", "inst-1", "CS1", "hour", new BigDecimal(value), new BigDecimal("1.00"),
                begin, begin.plus(Duration.ofHours(1)), begin.plus(Duration.ofHours(1)), begin.plus(Duration.ofHours(1)));
    }

    @Test
    void theWindowDeadlineIsTwentyOneDaysAfterTheBeginLessTheMargin() {
        Instant begin = Instant.parse("2026-11-01T00:00:00Z");
        assertThat(window.deadline(begin)).isEqualTo(Instant.parse("2026-11-21T23:00:00Z"));
        assertThat(window.missed(begin, Instant.parse("2026-11-21T22:59:59Z"))).isFalse();
        assertThat(window.missed(begin, Instant.parse("2026-11-21T23:00:00Z"))).isTrue();
    }

    @Test
    void aZeroValueIsNeverPushed() {
        assertThat(record(NOW.minus(Duration.ofHours(2)), "0").status()).isEqualTo(UsageStatus.SKIPPED);
    }

    @Test
    void aClaimIsALeaseAndCountsTheAttempt() {
        UsageRecord r = record(NOW.minus(Duration.ofHours(2)), "2.5");
        assertThat(r.claim(NOW, LEASE, window)).isTrue();
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.nextAttemptAt()).isEqualTo(NOW.plus(LEASE));
        assertThat(r.meteringSn()).isEqualTo("sn-1");
    }

    @Test
    void aRecordThatCannotMakeTheWindowIsParkedInsteadOfSent() {
        UsageRecord r = record(NOW.minus(Duration.ofDays(21)).plus(Duration.ofMinutes(30)), "2.5");
        assertThat(r.claim(NOW, LEASE, window)).isFalse();
        assertThat(r.status()).isEqualTo(UsageStatus.PARKED);
        assertThat(r.attempts()).isZero();
        assertThat(r.lastError()).contains("21-day window");
    }

    @Test
    void failedCallsBackOffExponentiallyUpToTheMaximumWithTheSameMeteringSn() {
        UsageRecord r = record(NOW.minus(Duration.ofHours(2)), "2.5");
        r.claim(NOW, LEASE, window);
        r.callFailed("HTTP 503", NOW, BASE, MAX, window);
        assertThat(r.nextAttemptAt()).isEqualTo(NOW.plus(BASE));
        r.claim(NOW, LEASE, window);
        r.callFailed("HTTP 503", NOW, BASE, MAX, window);
        assertThat(r.nextAttemptAt()).isEqualTo(NOW.plus(BASE.multipliedBy(2)));
        for (int i = 0; i < 10; i++) {
            r.claim(NOW, LEASE, window);
            r.callFailed("HTTP 503", NOW, BASE, MAX, window);
        }
        assertThat(r.nextAttemptAt()).isEqualTo(NOW.plus(MAX));
        assertThat(r.status()).isEqualTo(UsageStatus.PENDING);
        assertThat(r.meteringSn()).isEqualTo("sn-1");
        assertThat(r.lastError()).isEqualTo("HTTP 503");
    }

    @Test
    void aRetryThatWouldMissTheWindowParksTheRecord() {
        UsageRecord r = record(NOW.minus(Duration.ofDays(21)).plus(Duration.ofHours(1)).plus(Duration.ofSeconds(5)), "2.5");
        assertThat(r.claim(NOW, LEASE, window)).isTrue();
        r.callFailed("connection refused", NOW, BASE, MAX, window);
        assertThat(r.status()).isEqualTo(UsageStatus.PARKED);
        assertThat(r.lastError()).contains("before the 21-day window closes").contains("connection refused");
    }

    @Test
    void aReplayGivesAParkedRecordOneMorePushWhateverTheWindowAndOnlyOnce() {
        UsageRecord r = record(NOW.minus(Duration.ofDays(22)), "2.5");
        r.claim(NOW, LEASE, window);
        assertThat(r.status()).isEqualTo(UsageStatus.PARKED);
        assertThat(r.replay(NOW)).isTrue();
        assertThat(r.replay(NOW)).as("second press").isFalse();
        assertThat(r.claim(NOW, LEASE, window)).as("sent although too old: KooGallery decides").isTrue();
        r.callFailed("HTTP 500", NOW, BASE, MAX, window);
        assertThat(r.status()).as("a failed replay parks again").isEqualTo(UsageStatus.PARKED);
    }

    @Test
    void acceptanceAndRejectionAreFinal() {
        UsageRecord a = record(NOW.minus(Duration.ofHours(2)), "2.5");
        a.claim(NOW, LEASE, window);
        a.accepted(NOW);
        assertThat(a.status()).isEqualTo(UsageStatus.ACCEPTED);
        assertThat(a.replay(NOW)).isFalse();
        UsageRecord b = record(NOW.minus(Duration.ofHours(2)), "2.5");
        b.claim(NOW, LEASE, window);
        b.rejected("013", "resource status abnormal", NOW);
        assertThat(b.status()).isEqualTo(UsageStatus.REJECTED);
        assertThat(b.errorCode()).isEqualTo("013");
    }
}
