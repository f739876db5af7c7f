package dev.stallkeeper.billing.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
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
