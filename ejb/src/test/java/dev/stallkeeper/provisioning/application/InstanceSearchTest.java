package dev.stallkeeper.provisioning.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InstanceSearchTest {

    @Test
    void customerNamesAreMatchedLiterallyEvenWithWildcards() {
        assertThat(InstanceSearch.likeLiteral("100%_off!")).isEqualTo("100!%!_off!!");
        assertThat(InstanceSearch.likeLiteral("张三")).isEqualTo("张三");
    }

    @Test
    void blankFiltersMeanNoFilterAndOverlongNamesAreRefused() {
        InstanceSearch.Criteria c = new InstanceSearch.Criteria(" ", "  ", null, "", null, null, null, -1, 0);
        assertThat(c.key()).isNull();
        assertThat(c.customerName()).isNull();
        assertThat(c.productId()).isNull();
        assertThat(c.page()).isZero();
        assertThat(c.pageSize()).isEqualTo(50);
        assertThatThrownBy(() -> new InstanceSearch.Criteria(null, "x".repeat(101), null, null, null, null, null, 0, 50))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100 characters");
    }
}
