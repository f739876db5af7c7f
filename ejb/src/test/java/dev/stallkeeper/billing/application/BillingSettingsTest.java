package dev.stallkeeper.billing.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stallkeeper.billing.domain.BillKind;
import dev.stallkeeper.billing.domain.SettlementPolicy;
import dev.stallkeeper.billing.domain.SupervisionState;
import dev.stallkeeper.platform.StallkeeperConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BillingSettingsTest {

    private static BillingSettings settings(Map<String, String> env) {
        return new BillingSettings(new StallkeeperConfig(env, Map.of()));
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        BillingSettings s = settings(Map.of());
        SettlementPolicy policy = s.policy();
        assertThat(policy.threshold()).isEqualByComparingTo("1000");
        assertThat(policy.feePercent("SAAS")).isEqualByComparingTo("5");
        assertThat(s.productType("OFFI-ANY")).isEqualTo("SAAS");
        assertThat(s.initialSupervision(BillKind.NEW, "OFFI-ANY", "SAAS")).isEqualTo(SupervisionState.NOT_REQUIRED);
        assertThat(s.initialSupervision(BillKind.NEW, "OFFI-ANY", "LICENSE")).isEqualTo(SupervisionState.IN_PROGRESS);
        assertThat(s.initialSupervision(BillKind.RENEWAL, "OFFI-ANY", "LICENSE"))
                .as("renewals open no new supervision").isEqualTo(SupervisionState.NOT_REQUIRED);
    }

    @Test
    void productTypesFeesThresholdAndSupervisionAreConfigurable() {
        BillingSettings s = settings(Map.of(
                "STALLKEEPER_SETTLEMENT_THRESHOLD", "500",
                "STALLKEEPER_PLATFORM_FEE_PERCENT", "6.5",
                "STALLKEEPER_PLATFORM_FEE_PERCENT_BY_TYPE", "license=10, API=3.5",
                "STALLKEEPER_PRODUCT_TYPES", "OFFI1=License, OFFI2=manual service",
                "STALLKEEPER_DEFAULT_PRODUCT_TYPE", "api",
                "STALLKEEPER_SUPERVISED_PRODUCTS", "OFFI3"));
        assertThat(s.productType("OFFI1")).isEqualTo("LICENSE");
        assertThat(s.productType("OFFI2")).isEqualTo("MANUAL_SERVICE");
        assertThat(s.productType("OFFI9")).isEqualTo("API");
        assertThat(s.productType(null)).isEqualTo("API");
        assertThat(s.initialSupervision(BillKind.NEW, "OFFI3", "SAAS")).isEqualTo(SupervisionState.IN_PROGRESS);
        SettlementPolicy policy = s.policy();
        assertThat(policy.threshold()).isEqualByComparingTo("500");
        assertThat(policy.feePercent("LICENSE")).isEqualByComparingTo("10");
        assertThat(policy.feePercent("API")).isEqualByComparingTo("3.5");
        assertThat(policy.feePercent("SAAS")).isEqualByComparingTo("6.5");
    }

    @Test
    void malformedSettingsSayWhichOne() {
        assertThatThrownBy(() -> settings(Map.of("STALLKEEPER_PLATFORM_FEE_PERCENT_BY_TYPE", "LICENSE:10")).policy())
                .hasMessageContaining("STALLKEEPER_PLATFORM_FEE_PERCENT_BY_TYPE");
        assertThatThrownBy(() -> settings(Map.of("STALLKEEPER_SETTLEMENT_THRESHOLD", "lots")).policy())
                .hasMessageContaining("STALLKEEPER_SETTLEMENT_THRESHOLD");
    }
}
