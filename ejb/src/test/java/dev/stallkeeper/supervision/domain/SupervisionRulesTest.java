package dev.stallkeeper.supervision.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (stage, action) pair: the legal ones lead where the table says, every other one is refused. */
class SupervisionRulesTest {

    /** The expected table, written out independently of SupervisionRules. */
    static final Map<Stage, Map<Action, Stage>> LEGAL = new EnumMap<>(Stage.class);

    static {
        legal(Stage.REQUIREMENT_SUBMITTED, Action.CONFIRM_REQUIREMENT, Stage.REQUIREMENT_CONFIRMED);
        legal(Stage.REQUIREMENT_SUBMITTED, Action.REJECT_REQUIREMENT, Stage.REQUIREMENT_REJECTED);
        legal(Stage.REQUIREMENT_REJECTED, Action.RESUBMIT_REQUIREMENT, Stage.REQUIREMENT_SUBMITTED);
        legal(Stage.REQUIREMENT_CONFIRMED, Action.START_DELIVERY, Stage.DELIVERING);
        legal(Stage.DELIVERING, Action.DELIVER, Stage.DELIVERED);
        legal(Stage.DELIVERED, Action.CUSTOMER_ACCEPT, Stage.CUSTOMER_ACCEPTED);
        legal(Stage.DELIVERED, Action.CUSTOMER_REJECT, Stage.CUSTOMER_REJECTED);
        legal(Stage.DELIVERED, Action.APPEAL, Stage.APPEALED);
        legal(Stage.CUSTOMER_REJECTED, Action.START_DELIVERY, Stage.DELIVERING);
        legal(Stage.CUSTOMER_REJECTED, Action.APPEAL, Stage.APPEALED);
        legal(Stage.APPEALED, Action.APPEAL_UPHELD, Stage.CUSTOMER_ACCEPTED);
        legal(Stage.APPEALED, Action.APPEAL_DISMISSED, Stage.DELIVERING);
        legal(Stage.CUSTOMER_ACCEPTED, Action.COMPLETE, Stage.COMPLETED);
    }

    private static void legal(Stage from, Action action, Stage to) {
        LEGAL.computeIfAbsent(from, s -> new EnumMap<>(Action.class)).put(action, to);
    }

    static Stream<Arguments> everyPair() {
        return Stream.of(Stage.values()).flatMap(s -> Stream.of(Action.values()).map(a -> Arguments.of(s, a)));
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyPair")
    void legalPairsMoveAndEveryOtherPairIsRefused(Stage from, Action action) {
        Stage expected = LEGAL.getOrDefault(from, Map.of()).get(action);
        if (expected != null) {
            assertThat(SupervisionRules.next(from, action)).isEqualTo(expected);
        } else {
            assertThatThrownBy(() -> SupervisionRules.next(from, action))
                    .isInstanceOf(SupervisionException.class)
                    .hasMessageContaining(action + " is not allowed while the order is " + from)
                    .satisfies(e -> {
                        SupervisionException s = (SupervisionException) e;
                        assertThat(s.key()).isEqualTo("supervision.illegalTransition");
                        assertThat(s.conflict()).isTrue();
                    });
        }
    }

    @Test
    void peopleAreNeverOfferedTheClocksCompletion() {
        assertThat(SupervisionRules.allowed(Stage.CUSTOMER_ACCEPTED)).isEmpty();
        assertThat(SupervisionRules.allowed(Stage.DELIVERED))
                .containsExactlyInAnyOrder(Action.CUSTOMER_ACCEPT, Action.CUSTOMER_REJECT, Action.APPEAL);
        assertThat(SupervisionRules.allowed(Stage.COMPLETED)).isEmpty();
    }

    @Test
    void completedAllowsNothingAndSaysSo() {
        assertThatThrownBy(() -> SupervisionRules.next(Stage.COMPLETED, Action.APPEAL))
                .hasMessageContaining("nothing, supervision is over");
    }
}
