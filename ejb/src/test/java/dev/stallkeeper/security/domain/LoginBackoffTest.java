package dev.stallkeeper.security.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginBackoffTest {

    private static final Instant NOW = Instant.parse("2026-06-30T15:59:59Z");

    @Test
    void fiveFailuresAreFreeThenEachLockDoublesFromFifteenSecondsToFifteenMinutes() {
        for (int f = 1; f <= 5; f++) {
            assertThat(LoginBackoff.lockedUntil(f, LoginBackoff.USER_FREE, NOW)).as(f + " failures").isNull();
        }
        assertThat(LoginBackoff.lockedUntil(6, LoginBackoff.USER_FREE, NOW)).isEqualTo(NOW.plusSeconds(15));
        assertThat(LoginBackoff.lockedUntil(7, LoginBackoff.USER_FREE, NOW)).isEqualTo(NOW.plusSeconds(30));
        assertThat(LoginBackoff.lockedUntil(8, LoginBackoff.USER_FREE, NOW)).isEqualTo(NOW.plusSeconds(60));
        assertThat(LoginBackoff.lockedUntil(12, LoginBackoff.USER_FREE, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(LoginBackoff.lockedUntil(10_000, LoginBackoff.USER_FREE, NOW)).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(LoginBackoff.lockedUntil(30, LoginBackoff.ADDRESS_FREE, NOW)).as("an address tries many names").isNull();
    }

    @Test
    void failuresOlderThanAnHourAreForgotten() {
        assertThat(LoginBackoff.next(7, NOW.minus(Duration.ofMinutes(59)), NOW)).isEqualTo(8);
        assertThat(LoginBackoff.next(7, NOW.minus(Duration.ofMinutes(61)), NOW)).isEqualTo(1);
        assertThat(LoginBackoff.next(0, null, NOW)).isEqualTo(1);
    }
}
