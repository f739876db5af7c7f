package dev.stallkeeper.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectionTest {

    private final FaultInjection faults = new FaultInjection();

    @Test
    void aPlanFailsExactlyTheNextNCallsOfItsApi() {
        faults.failQueryOrders(2, 503);

        assertThat(faults.takeUsageFailure()).isNull();
        assertThat(faults.takeQueryOrderFailure()).isEqualTo(503);
        assertThat(faults.takeQueryOrderFailure()).isEqualTo(503);
        assertThat(faults.takeQueryOrderFailure()).isNull();
    }

    @Test
    void zeroCancelsAPendingPlanAndANegativeCountIsRefused() {
        faults.loseUsageAnswers(3, FaultInjection.DROP);
        faults.loseUsageAnswers(0, 500);

        assertThat(faults.takeLostUsageAnswer()).isNull();
        assertThatThrownBy(() -> faults.failUsagePushes(-1, 503)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("n must be >= 0");
    }

    @Test
    void anOutageFailsEveryUsagePushUntilEndedAndLeavesThePlanAlone() {
        faults.failUsagePushes(1, 429);
        faults.usageOutage(FaultInjection.DROP);

        assertThat(faults.takeUsageFailure()).isEqualTo(FaultInjection.DROP);
        assertThat(faults.takeUsageFailure()).isEqualTo(FaultInjection.DROP);
        faults.usageOutage(null);
        assertThat(faults.takeUsageFailure()).isEqualTo(429);
        assertThat(faults.takeUsageFailure()).isNull();
    }

    @Test
    void failuresAreDescribedAndCodedAsKooGalleryDoes() {
        assertThat(FaultInjection.describe(FaultInjection.DROP)).isEqualTo("(connection dropped)");
        assertThat(FaultInjection.describe(503)).isEqualTo("HTTP 503");
        assertThat(FaultInjection.errorCodeFor(401)).isEqualTo("MKT.0154");
        assertThat(FaultInjection.errorCodeFor(429)).isEqualTo("MKT.0250");
        assertThat(FaultInjection.errorCodeFor(503)).isEqualTo("MKT.0999");
    }
}
