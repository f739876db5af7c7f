package dev.stallkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NodeMetricsTest {

    @Test
    void countsCallbacksByInterfaceActivityAndCodeInPrometheusText() {
        NodeMetrics metrics = new NodeMetrics();
        metrics.callback("produce", "newInstance", "000000", 12);
        metrics.callback("produce", "newInstance", "000005", 3);
        metrics.callback("produce", "newInstance", "000005", 1500);
        metrics.callback("produce", "refused", "000001", 1);
        metrics.callback("produce", "x\"}\nevil 1", "000000", 1); // a label that is not an activity name
        PrometheusText out = new PrometheusText();
        metrics.writeTo(out);
        String text = out.toString();
        assertThat(text)
                .contains("# TYPE stallkeeper_callbacks_total counter\n")
                .contains("stallkeeper_callbacks_total{interface=\"produce\",activity=\"newInstance\",result_code=\"000005\"} 2\n")
                .contains("stallkeeper_callbacks_total{interface=\"produce\",activity=\"refused\",result_code=\"000001\"} 1\n")
                .contains("stallkeeper_callbacks_total{interface=\"produce\",activity=\"other\",result_code=\"000000\"} 1\n")
                .contains("stallkeeper_callback_answer_seconds_bucket{interface=\"produce\",le=\"0.005\"} 3\n")
                .contains("stallkeeper_callback_answer_seconds_bucket{interface=\"produce\",le=\"1.0\"} 4\n")
                .contains("stallkeeper_callback_answer_seconds_bucket{interface=\"produce\",le=\"2.0\"} 5\n")
                .contains("stallkeeper_callback_answer_seconds_bucket{interface=\"produce\",le=\"+Inf\"} 5\n")
                .contains("stallkeeper_callback_answer_seconds_count{interface=\"produce\"} 5\n")
                .doesNotContain("evil");
        assertThat(metrics.callbacks("produce", "newInstance", "000005")).isEqualTo(2);
    }
}
