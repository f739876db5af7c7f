package dev.stallkeeper.batch.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.usage.application.UsagePusher;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The push run's loop: until nothing is due, a call fails, or maxCalls calls were made. */
class UsagePushBatchletTest {

    private static final UsagePusher.Result NOTHING = new UsagePusher.Result(0, 0, 0, 0, 0, false);

    private static UsagePushBatchlet batchlet(String maxCalls, List<UsagePusher.Result> results, int[] pushes) {
        Deque<UsagePusher.Result> script = new ArrayDeque<>(results);
        UsagePushBatchlet b = new UsagePushBatchlet();
        b.pusher = new UsagePusher() {
            @Override
            public Result pushOnce() {
                pushes[0]++;
                return script.isEmpty() ? NOTHING : script.poll();
            }
        };
        b.maxCalls = maxCalls;
        return b;
    }

    @Test
    void pushesUntilNothingIsDueCountingCallsAndParkedOnlyBatches() {
        int[] pushes = {0};
        String status = batchlet(null, List.of(new UsagePusher.Result(1000, 1000, 998, 2, 0, false),
                new UsagePusher.Result(3, 0, 0, 0, 3, false), // every record of this claim parked: nothing sent
                new UsagePusher.Result(500, 500, 500, 0, 0, false)), pushes).process();
        assertThat(status).isEqualTo("PUSHED calls=2 sent=1500 accepted=1498 rejected=2 parked=3");
        assertThat(pushes[0]).isEqualTo(4);
    }

    @Test
    void stopsAtTheFirstFailedCallSoThatKooGalleryIsNotHammered() {
        int[] pushes = {0};
        String status = batchlet("", List.of(new UsagePusher.Result(1000, 1000, 0, 0, 0, true),
                new UsagePusher.Result(1000, 1000, 1000, 0, 0, false)), pushes).process();
        assertThat(status).startsWith("CALL_FAILED calls=1 sent=1000 accepted=0");
        assertThat(pushes[0]).isEqualTo(1);
    }

    @Test
    void makesAtMostMaxCallsCalls() {
        int[] pushes = {0};
        UsagePusher.Result full = new UsagePusher.Result(1000, 1000, 1000, 0, 0, false);
        String status = batchlet("2", List.of(full, full, full), pushes).process();
        assertThat(status).startsWith("PUSHED calls=2 sent=2000");
        assertThat(pushes[0]).isEqualTo(2);
    }
}
