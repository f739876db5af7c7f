package dev.stallkeeper.provisioning.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuiltInProvisionerTest {

    @Test
    void tenantCodesAreUniqueByConstructionAndStayReadable() {
        // ids that the old rule (letters and digits, lower case) mapped to the same code
        assertThat(BuiltInProvisioner.tenantCode("AB-1")).isNotEqualTo(BuiltInProvisioner.tenantCode("ab1"));
        assertThat(BuiltInProvisioner.tenantCode("中文订单号")).isNotEqualTo(BuiltInProvisioner.tenantCode("订单"));
        assertThat(BuiltInProvisioner.tenantCode("AB-1")).startsWith("tab1-").matches("[a-z0-9]{1,41}-[0-9a-f]{16}");
        assertThat(BuiltInProvisioner.tenantCode("x".repeat(64))).hasSizeLessThanOrEqualTo(64);
        assertThat(BuiltInProvisioner.tenantCode("AB-1")).isEqualTo(BuiltInProvisioner.tenantCode("AB-1"));
    }
}
