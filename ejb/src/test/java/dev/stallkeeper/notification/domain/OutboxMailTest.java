package dev.stallkeeper.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OutboxMailTest {

    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");

    private static OutboxMail pending() {
        OutboxMail m = new OutboxMail();
        try {
            var status = OutboxMail.class.getDeclaredField("status");
            status.setAccessible(true);
            status.set(m, OutboxMail.Status.PENDING);
            var next = OutboxMail.class.getDeclaredField("nextAttemptAt");
            next.setAccessible(true);
            next.set(m, T0);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return m;
    }

    @Test
    void aClaimIsALeaseAndFailuresBackOffUntilTheLastAttemptParksTheMail() {
        OutboxMail m = pending();
        assertThat(m.claim(T0, Duration.ofMinutes(2))).isEqualTo(1);
        assertThat(m.nextAttemptAt()).as("no other sender before the lease ends").isEqualTo(T0.plus(Duration.ofMinutes(2)));
        m.failed("MailConnectException: connection refused", T0, Duration.ofSeconds(10), 2);
        assertThat(m.status()).isEqualTo(OutboxMail.Status.PENDING);
        assertThat(m.nextAttemptAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(m.lastError()).contains("connection refused");
        assertThat(m.claim(T0.plusSeconds(10), Duration.ofMinutes(2))).isEqualTo(2);
        m.failed("again", T0.plusSeconds(10), Duration.ofSeconds(20), 2);
        assertThat(m.status()).isEqualTo(OutboxMail.Status.PARKED);
        assertThat(m.retry(T0.plusSeconds(60))).isTrue();
        assertThat(m.status()).isEqualTo(OutboxMail.Status.PENDING);
        assertThat(m.attempts()).isZero();
        assertThat(m.retry(T0.plusSeconds(60))).as("only parked mail is retried by hand").isFalse();
        m.sent(T0.plusSeconds(70));
        assertThat(m.status()).isEqualTo(OutboxMail.Status.SENT);
        assertThat(m.lastError()).isNull();
    }
}
