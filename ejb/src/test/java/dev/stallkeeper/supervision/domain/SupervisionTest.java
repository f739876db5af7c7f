package dev.stallkeeper.supervision.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallkeeper.platform.Attachment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SupervisionTest {

    private static final Instant T0 = Instant.parse("2026-11-01T02:00:00Z");
    private static final Duration THREE_HOURS = Duration.ofHours(3);
    private static final Attachment REPORT = new Attachment("acceptance.pdf", "application/pdf",
            "%PDF-1.4 report".getBytes(StandardCharsets.US_ASCII));

    private static Supervision submitted() {
        return new Supervision("ORD-1", "LINE-1", List.of(" HW-1 ", "", "HW-2"), "SKABCDEFGHJKLMNPQR", T0);
    }

    @Test
    void theWholeWayWithARejectionAndAnAppeal() {
        Supervision s = submitted();
        assertThat(s.hardwareCodes()).containsExactly("HW-1", "HW-2");
        s.rejectRequirement("codes incomplete", T0.plusSeconds(60));
        assertThat(s.stage()).isEqualTo(Stage.REQUIREMENT_REJECTED);
        s.resubmitRequirement(List.of("HW-3"), T0.plusSeconds(120));
        assertThat(s.hardwareCodes()).containsExactly("HW-3");
        s.confirmRequirement(T0.plusSeconds(180));
        s.startDelivery(T0.plusSeconds(240));
        Instant start = Instant.parse("2026-10-01T00:00:00Z");
        s.deliver(REPORT, start, T0.plusSeconds(300));
        assertThat(s.reportName()).isEqualTo("acceptance.pdf");
        assertThat(s.reportBytes()).isEqualTo(REPORT.bytes());
        s.customerReject("not what was ordered", T0.plusSeconds(360));
        s.appeal("delivery matches the published acceptance criteria", T0.plusSeconds(420));
        Instant decided = T0.plusSeconds(480);
        s.resolveAppeal(true, "operations found for the seller", decided, THREE_HOURS);
        assertThat(s.stage()).isEqualTo(Stage.CUSTOMER_ACCEPTED);
        assertThat(s.completionDueAt()).isEqualTo(decided.plus(THREE_HOURS));
        assertThat(s.serviceStart()).as("the entered start time wins").isEqualTo(start);
        assertThatThrownBy(() -> s.complete(decided.plus(Duration.ofHours(2))))
                .isInstanceOf(SupervisionException.class).hasMessageContaining("completion is due at");
        s.complete(decided.plus(THREE_HOURS));
        assertThat(s.stage()).isEqualTo(Stage.COMPLETED);
        assertThat(s.completedAt()).isEqualTo(decided.plus(THREE_HOURS));
    }

    @Test
    void withoutAnEnteredStartTheAcceptanceTimeIsTheServiceStart() {
        Supervision s = delivered(null);
        Instant accepted = T0.plusSeconds(1000);
        s.customerAccept(accepted, THREE_HOURS);
        assertThat(s.serviceStart()).isEqualTo(accepted);
    }

    private static Supervision delivered(Instant start) {
        Supervision s = submitted();
        s.confirmRequirement(T0);
        s.startDelivery(T0);
        s.deliver(REPORT, start, T0);
        return s;
    }

    @Test
    void refusalsChangeNothing() {
        Supervision s = submitted();
        assertThatThrownBy(() -> s.rejectRequirement(" ", T0.plusSeconds(5)))
                .isInstanceOf(SupervisionException.class)
                .satisfies(e -> assertThat(((SupervisionException) e).key()).isEqualTo("supervision.reasonMissing"));
        assertThatThrownBy(() -> s.deliver(REPORT, null, T0.plusSeconds(5)))
                .satisfies(e -> assertThat(((SupervisionException) e).key()).isEqualTo("supervision.illegalTransition"));
        assertThat(s.stage()).isEqualTo(Stage.REQUIREMENT_SUBMITTED);
        assertThat(s.lastMovedAt()).isEqualTo(T0);
        Supervision d = submitted();
        d.confirmRequirement(T0);
        d.startDelivery(T0);
        assertThatThrownBy(() -> d.deliver(null, null, T0))
                .satisfies(e -> assertThat(((SupervisionException) e).key()).isEqualTo("supervision.reportMissing"));
        assertThat(d.stage()).isEqualTo(Stage.DELIVERING);
    }

    @Test
    void badHardwareCodesAreRefused() {
        assertThatThrownBy(() -> new Supervision("O", "L", List.of("has space"), "SKX", T0))
                .isInstanceOf(SupervisionException.class).hasMessageContaining("hardware identification code");
    }

    @Test
    void stalledAfterFiveDaysUnmovedButNotWhileWaitingForTheClock() {
        Supervision s = submitted();
        assertThat(s.stalled(T0.plus(Duration.ofDays(5)).minusSeconds(1))).isFalse();
        assertThat(s.stalled(T0.plus(Duration.ofDays(5)).plusSeconds(1))).isTrue();
        Supervision accepted = delivered(null);
        accepted.customerAccept(T0, Duration.ofDays(30));
        assertThat(accepted.stalled(T0.plus(Duration.ofDays(6)))).isFalse();
    }
}
