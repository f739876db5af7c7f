package dev.stallkeeper.billing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettlementPolicyTest {

    private static BigDecimal cny(String s) {
        return new BigDecimal(s);
    }

    @ParameterizedTest(name = "{0} accumulated -> settles {1}")
    @CsvSource({
            "999.99,   false",
            "1000.00,  true",   // reaching the threshold is enough
            "1000.01,  true",
            "-250.00,  false",  // a negative amount never settles
            "0.00,     false"})
    void theThresholdIsInclusive(String accumulated, boolean settles) {
        StatementDecision d = SettlementPolicy.defaults().decide("SAAS", Cny.ZERO, cny(accumulated), 1);
        assertThat(d.settles()).isEqualTo(settles);
        if (settles) {
            assertThat(d.carryOut()).isEqualByComparingTo("0");
            assertThat(d.gross()).isEqualByComparingTo(accumulated);
            assertThat(d.gap()).isEqualByComparingTo("0");
        } else {
            assertThat(d.carryOut()).isEqualByComparingTo(accumulated);
            assertThat(d.gross()).isEqualByComparingTo("0");
            assertThat(d.gap()).isEqualByComparingTo(cny("1000.00").subtract(cny(accumulated)));
        }
    }

    @ParameterizedTest(name = "{1}% of {0} = {2}")
    @CsvSource({
            "1050.00,  5,     52.50",
            "1000.01,  5,     50.00",   // 50.0005 -> 50.00
            "1000.10,  5,     50.01",   // 50.005 -> 50.01: half-up
            "1234.56,  5,     61.73",   // 61.728
            "1000.00,  0,      0.00",
            "1999.99,  7.25, 145.00",   // 144.999275
            "1000.30,  2.5,   25.01"})  // 25.0075
    void theFeeIsRoundedHalfUpToTheFenOnTheStatementTotal(String gross, String percent, String fee) {
        SettlementPolicy policy = new SettlementPolicy(cny("1000"), cny(percent), Map.of());
        StatementDecision d = policy.decide("SAAS", Cny.ZERO, cny(gross), 3);
        assertThat(d.fee()).isEqualTo(cny(fee));
        assertThat(d.net()).isEqualTo(cny(gross).subtract(cny(fee)));
        assertThat(d.fee().scale()).isEqualTo(2);
    }

    @Test
    void feeAndThresholdAreConfigurablePerProductType() {
        SettlementPolicy policy = new SettlementPolicy(cny("500"), cny("5"), Map.of("license", cny("10"),
                "Manual Service", cny("8.5")));
        assertThat(policy.feePercent("LICENSE")).isEqualByComparingTo("10");
        assertThat(policy.feePercent("MANUAL_SERVICE")).isEqualByComparingTo("8.5");
        assertThat(policy.feePercent("SAAS")).isEqualByComparingTo("5");
        StatementDecision license = policy.decide("LICENSE", cny("200.00"), cny("600.00"), 2);
        assertThat(license.settles()).isTrue();
        assertThat(license.fee()).isEqualTo(cny("60.00"));
        assertThat(license.net()).isEqualTo(cny("540.00"));
        assertThat(license.periodAmount()).isEqualTo(cny("400.00"));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new SettlementPolicy(cny("0"), cny("5"), Map.of())).hasMessageContaining("positive");
        assertThatThrownBy(() -> new SettlementPolicy(cny("1000"), cny("101"), Map.of())).hasMessageContaining("between 0 and 100");
        assertThatThrownBy(() -> new SettlementPolicy(cny("1000.001"), cny("5"), Map.of())).hasMessageContaining("2 decimals");
        assertThatThrownBy(() -> new SettlementPolicy(cny("1000"), cny("5"), Map.of("SAAS", cny("-1"))))
                .hasMessageContaining("SAAS");
    }
}
