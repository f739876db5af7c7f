package dev.stallkeeper.simulator;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The failures and delays the open API simulator is told to inject (see the test hooks of {@link OpenApiServer} and
 * {@code POST /simulator/faults}, {@code /outage}, {@code /delay}). Thread-safe; changed while serving.
 */
final class FaultInjection {

    /** A "status" of the failure hooks: close the connection without any answer (a network failure). */
    static final int DROP = 0;

    private final AtomicReference<FailurePlan> queryOrderFailures = new AtomicReference<>(FailurePlan.NONE);
    private final AtomicReference<FailurePlan> usageFailures = new AtomicReference<>(FailurePlan.NONE);
    private final AtomicReference<FailurePlan> usageLostAnswers = new AtomicReference<>(FailurePlan.NONE);
    /** While set, every usage push fails with this status ({@link #DROP} = the connection is closed unanswered). */
    private volatile Integer usageOutage;
    private volatile Duration delay = Duration.ZERO;
    /** How long a judged usage push waits before its answer goes out. */
    private volatile Duration usageAnswerDelay = Duration.ZERO;

    /** See {@link OpenApiServer#setFailNext}. */
    void failQueryOrders(int n, int httpStatus) {
        queryOrderFailures.set(FailurePlan.of(n, httpStatus));
    }

    /** See {@link OpenApiServer#setUsageFailNext}. */
    void failUsagePushes(int n, int httpStatus) {
        usageFailures.set(FailurePlan.of(n, httpStatus));
    }

    /** See {@link OpenApiServer#setUsageLoseAnswers}. */
    void loseUsageAnswers(int n, int httpStatus) {
        usageLostAnswers.set(FailurePlan.of(n, httpStatus));
    }

    /** See {@link OpenApiServer#setUsageOutage}. */
    void usageOutage(Integer httpStatus) {
        this.usageOutage = httpStatus;
    }

    /** See {@link OpenApiServer#setDelay}. */
    void delay(Duration delay) {
        this.delay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
    }

    /** See {@link OpenApiServer#setUsageAnswerDelay}. */
    void usageAnswerDelay(Duration delay) {
        this.usageAnswerDelay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
    }

    /** Claims the status this Query Order call fails with; {@code null} to answer it. */
    Integer takeQueryOrderFailure() {
        return queryOrderFailures.get().take();
    }

    /** Claims the status this usage push fails with (an outage first); {@code null} to judge it. */
    Integer takeUsageFailure() {
        Integer outage = usageOutage;
        return outage != null ? outage : usageFailures.get().take();
    }

    /** Claims the status that replaces the answer to this accepted usage push; {@code null} to answer it. */
    Integer takeLostUsageAnswer() {
        return usageLostAnswers.get().take();
    }

    /** Waits out {@link #delay}. */
    void pause() {
        Duration d = delay;
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits out {@link #usageAnswerDelay}, checking often so that setting it to zero releases the answer. */
    void holdUsageAnswer() {
        long until = System.nanoTime() + usageAnswerDelay.toNanos();
        try {
            while (!usageAnswerDelay.isZero() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String describe(int status) {
        return status == DROP ? "(connection dropped)" : "HTTP " + status;
    }

    static String errorCodeFor(int status) {
        return switch (status) {
            case 400 -> "MKT.0199";
            case 401 -> "MKT.0154";
            case 406, 429 -> "MKT.0250";
            default -> "MKT.0999";
        };
    }

    /** Answers a simulated failure with {@code status}. */
    static void sendFailure(HttpExchange exchange, int status) throws IOException {
        HttpExchanges.sendError(exchange, status, errorCodeFor(status), "Simulated failure");
    }

    /** As {@link #sendFailure}, but closes the connection unanswered for {@link #DROP}. */
    static void failOrDrop(HttpExchange exchange, int status) throws IOException {
        if (status == DROP) {
            return; // no response headers: closing the exchange (try-with-resources) closes the connection
        }
        sendFailure(exchange, status);
    }

    /** How many of the next calls still fail, and with which status. */
    private record FailurePlan(AtomicInteger remaining, int status) {
        static final FailurePlan NONE = new FailurePlan(new AtomicInteger(), 0);

        /** {@code n} failures with {@code status}; {@code n = 0} cancels a pending plan. */
        static FailurePlan of(int n, int status) {
            if (n < 0) {
                throw new IllegalArgumentException("n must be >= 0");
            }
            return n == 0 ? NONE : new FailurePlan(new AtomicInteger(n), status);
        }

        /** Claims one failure; {@code null} when none is left. */
        Integer take() {
            int left = remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0);
            return left > 0 ? status : null;
        }
    }
}
