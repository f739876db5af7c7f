package dev.stallkeeper.supervision.domain;

import static dev.stallkeeper.supervision.domain.Action.*;
import static dev.stallkeeper.supervision.domain.Stage.*;

import dev.stallkeeper.platform.Transitions;
import java.time.Duration;
import java.util.Set;

/** The supervision workflow's legal moves (docs/supervision-and-invoices.md has the diagram). */
public final class SupervisionRules {

    /** Orders that have not moved for this long are flagged (and the seller is told once). */
    public static final Duration STALL_AFTER = Duration.ofDays(5);

    static final Transitions<Stage, Action> TABLE = Transitions.of(Stage.class, Action.class)
            .allow(REQUIREMENT_SUBMITTED, CONFIRM_REQUIREMENT, REQUIREMENT_CONFIRMED)
            .allow(REQUIREMENT_SUBMITTED, REJECT_REQUIREMENT, REQUIREMENT_REJECTED)
            .allow(REQUIREMENT_REJECTED, RESUBMIT_REQUIREMENT, REQUIREMENT_SUBMITTED)
            .allow(REQUIREMENT_CONFIRMED, START_DELIVERY, DELIVERING)
            .allow(DELIVERING, DELIVER, DELIVERED)
            .allow(DELIVERED, CUSTOMER_ACCEPT, CUSTOMER_ACCEPTED)
            .allow(DELIVERED, CUSTOMER_REJECT, CUSTOMER_REJECTED)
            .allow(DELIVERED, APPEAL, APPEALED)
            .allow(CUSTOMER_REJECTED, START_DELIVERY, DELIVERING)
            .allow(CUSTOMER_REJECTED, APPEAL, APPEALED)
            .allow(APPEALED, APPEAL_UPHELD, CUSTOMER_ACCEPTED)
            .allow(APPEALED, APPEAL_DISMISSED, DELIVERING)
            .allow(CUSTOMER_ACCEPTED, COMPLETE, COMPLETED);

    private SupervisionRules() {
    }

    /** The stage after {@code action}, or a refusal naming the stage and what it allows. */
    public static Stage next(Stage from, Action action) {
        return TABLE.next(from, action).orElseThrow(() -> new SupervisionException("supervision.illegalTransition", true,
                action + " is not allowed while the order is " + from + " (allowed: "
                        + (TABLE.allowed(from).isEmpty() ? "nothing, supervision is over" : TABLE.allowed(from)) + ")"));
    }

    /** What people may do now (COMPLETE belongs to the clock). */
    public static Set<Action> allowed(Stage from) {
        return TABLE.allowed(from).stream().filter(a -> a != COMPLETE).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
