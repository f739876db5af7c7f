package dev.stallkeeper.provisioning.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorkItemTest {

    private static final Instant T0 = Instant.parse("2026-11-29T00:00:00Z");
    private static final Duration BASE = Duration.ofSeconds(10);
    private static final Duration MAX = Duration.ofSeconds(60);

    private static WorkItem pending() {
        WorkItem work = new WorkItem();
        try {
            var status = WorkItem.class.getDeclaredField("status");
            status.setAccessible(true);
            status.set(work, WorkItem.Status.PENDING);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return work;
    }

    @Test
    void failuresBackOffExponentiallyUpToTheMaximumThenPark() {
        WorkItem work = pending();
        work.claim(T0, Duration.ofMinutes(2), "node-a");
        work.failed("boom", T0, 4, BASE, MAX);
        assertThat(work.nextAttemptAt()).isEqualTo(T0.plusSeconds(10));
        work.claim(T0, Duration.ofMinutes(2), "node-a");
        work.failed("boom", T0, 4, BASE, MAX);
        assertThat(work.nextAttemptAt()).isEqualTo(T0.plusSeconds(20));
        work.claim(T0, Duration.ofMinutes(2), "node-a");
        work.failed("boom", T0, 4, BASE, MAX);
        assertThat(work.nextAttemptAt()).isEqualTo(T0.plusSeconds(40));
        assertThat(work.status()).isEqualTo(WorkItem.Status.PENDING);
        work.claim(T0, Duration.ofMinutes(2), "node-a");
        work.failed("boom", T0, 4, BASE, MAX);
        assertThat(work.status()).isEqualTo(WorkItem.Status.PARKED);
        assertThat(work.lastError()).isEqualTo("boom");
    }

    @Test
    void aClaimIsALeaseAndParkedWorkCanBeRearmed() {
        WorkItem work = pending();
        assertThat(work.claim(T0, Duration.ofSeconds(30), "node-a")).isEqualTo(1);
        assertThat(work.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(work.claimedBy()).isEqualTo("node-a");
        work.failed("x", T0, 1, BASE, MAX);
        assertThatThrownBy(() -> work.claim(T0, Duration.ofSeconds(30), "node-a")).isInstanceOf(IllegalStateException.class);
        work.rearm(T0.plusSeconds(5));
        assertThat(work.status()).isEqualTo(WorkItem.Status.PENDING);
        assertThat(work.attempts()).isZero();
        assertThat(work.nextAttemptAt()).isEqualTo(T0.plusSeconds(5));
    }
}
