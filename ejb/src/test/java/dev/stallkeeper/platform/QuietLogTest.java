package dev.stallkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuietLogTest {

    private record Line(String text, Throwable trace) {
    }

    private final List<Line> lines = new ArrayList<>();
    private Instant now = Instant.now();
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final QuietLog log = new QuietLog((text, trace) -> lines.add(new Line(text, trace)), clock,
            Duration.ofMinutes(1));

    private static RuntimeException databaseAway() {
        return new IllegalStateException("transaction rolled back",
                new RuntimeException("could not get a connection", new ConnectException("Connection refused")));
    }

    @Test
    void oneLinePerFailureAndOneStackTracePerCausePerMinuteWithACount() {
        for (int i = 0; i < 100; i++) {
            log.failure("newInstance order CS" + i + " nonce n" + i + " failed", databaseAway());
            now = now.plusMillis(50); // 100 failures in 5 s
        }
        assertThat(lines).hasSize(100);
        assertThat(lines).filteredOn(l -> l.trace() != null).hasSize(1);
        assertThat(lines.get(0).trace()).isNotNull();
        assertThat(lines.get(1).text()).isEqualTo("newInstance order CS1 nonce n1 failed"
                + " (java.net.ConnectException: Connection refused)");
        assertThat(lines).allSatisfy(l -> assertThat(l.text()).doesNotContain("\n"));

        now = now.plus(Duration.ofMinutes(1));
        log.failure("newInstance order CS100 nonce n100 failed", databaseAway());
        Line next = lines.get(lines.size() - 1);
        assertThat(next.trace()).isNotNull();
        assertThat(next.text()).contains("[99 more with this cause since its last stack trace]");
    }

    @Test
    void anotherCauseGetsItsOwnFirstStackTrace() {
        log.failure("a", databaseAway());
        log.failure("b", databaseAway());
        log.failure("c", new IllegalArgumentException("something else"));
        assertThat(lines).extracting(l -> l.trace() != null).containsExactly(true, false, true);
    }

    @Test
    void controlCharactersInMessagesStayOnOneLine() {
        log.failure("order\nforged line", new RuntimeException("multi\nline\r\nmessage"));
        assertThat(lines.get(0).text()).doesNotContain("\n").doesNotContain("\r");
    }
}
