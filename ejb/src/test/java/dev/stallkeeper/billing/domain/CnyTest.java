package dev.stallkeeper.billing.domain;

import dev.stallkeeper.catalog.domain.ProductType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CnyTest {

    @Test
    void exactAmountsGetScaleTwoAndFractionsOfAFenAreRefused() {
        assertThat(Cny.parseExact("1050")).isEqualTo(new BigDecimal("1050.00"));
        assertThat(Cny.parseExact(" -250.5 ")).isEqualTo(new BigDecimal("-250.50"));
        assertThat(Cny.parseExact("12.780")).isEqualTo(new BigDecimal("12.78"));
        assertThatThrownBy(() -> Cny.parseExact("12.785")).hasMessageContaining("more than 2 decimals");
        assertThatThrownBy(() -> Cny.parseExact("12,78")).hasMessageContaining("not a decimal");
    }

    @Test
    void hugeExponentsAreRefusedBeforeAnyArithmetic() {
        // setScale on 1e300000000 would compute 10^300000000 (minutes of CPU and gigabytes); refused at once
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThatThrownBy(() -> Cny.exact(new BigDecimal("1e300000000"))).hasMessageContaining("out of range");
            assertThatThrownBy(() -> Cny.fen(new BigDecimal("-1E+300000000"))).hasMessageContaining("out of range");
            assertThatThrownBy(() -> Cny.parseExact("1e-999999999")).hasMessageContaining("more than 100 decimals");
            assertThatThrownBy(() -> Cny.parseExact("12345678901234.00")).hasMessageContaining("13 digits");
        });
        assertThat(Cny.exact(new BigDecimal("9999999999999.99"))).isEqualTo(new BigDecimal("9999999999999.99"));
        assertThat(Cny.exact(new BigDecimal("1E+3"))).isEqualTo(new BigDecimal("1000.00"));
    }

    @Test
    void roundingToTheFenIsHalfUp() {
        assertThat(Cny.fen(new BigDecimal("12.785"))).isEqualTo(new BigDecimal("12.79"));
        assertThat(Cny.fen(new BigDecimal("12.784"))).isEqualTo(new BigDecimal("12.78"));
        assertThat(Cny.fen(new BigDecimal("-12.785"))).isEqualTo(new BigDecimal("-12.79"));
    }

    @Test
    void productTypesAreNormalisedCodes() {
        assertThat(ProductType.normalize("SaaS")).isEqualTo("SAAS");
        assertThat(ProductType.normalize(" manual service ")).isEqualTo("MANUAL_SERVICE");
        assertThat(ProductType.normalize("App-Orchestration")).isEqualTo("APP_ORCHESTRATION");
        assertThatThrownBy(() -> ProductType.normalize("SaaS; DROP")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProductType.normalize(" ")).hasMessageContaining("required");
    }
}
