package dev.stallkeeper.simulator;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadPlanTest {

    @Test
    void parsesMixWithDefaultWeight() {
        assertThat(LoadPlan.parseMix("newInstance:70, queryInstance:30")).containsExactly(
                Map.entry("newInstance", 70), Map.entry("queryInstance", 30));
        assertThat(LoadPlan.parseMix("newInstance")).containsExactly(Map.entry("newInstance", 1));
    }

    @Test
    void needsExactlyOneShape() {
        assertThatThrownBy(() -> plan(10.0, 2)).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> plan(null, null)).hasMessageContaining("exactly one");
        assertThat(plan(10.0, null).openLoop()).isTrue();
        assertThat(plan(null, 2).openLoop()).isFalse();
    }

    @Test
    void rejectsZeroWeights() {
        assertThatThrownBy(() -> new LoadPlan(URI.create("http://x"), "k", 1.0, null, Duration.ofSeconds(1), null,
                Map.of("newInstance", 0), 1, false, 1, null)).hasMessageContaining("positive weight");
    }

    private static LoadPlan plan(Double rate, Integer connections) {
        return new LoadPlan(URI.create("http://x"), "k", rate, connections, Duration.ofSeconds(1), null,
                Map.of("newInstance", 1), 1, false, 1, null);
    }
}
