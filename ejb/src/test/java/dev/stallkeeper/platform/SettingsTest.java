package dev.stallkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.platform.config.Setting;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void jointOperationKeysAreListedAndMasked() {
        assertThat(names()).contains("KOOGALLERY_KIT_KEY", "KOOGALLERY_KIT_PRIVATE_KEY", "STALLKEEPER_DATA_KEY",
                "KOOGALLERY_APP_ID", "STALLKEEPER_SSO_REDIRECT_URI", "STALLKEEPER_SSO_LANDING_URL",
                "STALLKEEPER_SSO_ALLOW_HTTP", "STALLKEEPER_KIT_MAX_BODY_BYTES");
        assertThat(Setting.KOOGALLERY_KIT_KEY.secret()).isTrue();
        assertThat(Setting.KOOGALLERY_KIT_PRIVATE_KEY.secret()).isTrue();
        assertThat(Setting.STALLKEEPER_DATA_KEY.secret()).isTrue();
        assertThat(Setting.KOOGALLERY_APP_ID.secret()).isFalse();
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIG/QIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
        assertThat(Settings.describeSecret("KOOGALLERY_KIT_PRIVATE_KEY", pem)).isEqualTo("set (masked)");
        assertThat(Settings.describeSecret("KOOGALLERY_KIT_KEY", "a,b")).isEqualTo("set (2 keys, masked)");
    }

    @Test
    void usageSettingsAreListedAndTheTokenIsASecret() {
        assertThat(names()).contains("STALLKEEPER_USAGE_TOKEN", "STALLKEEPER_USAGE_UNITS",
                "STALLKEEPER_USAGE_BILLING", "STALLKEEPER_USAGE_PUSH_SECONDS", "STALLKEEPER_USAGE_WINDOW_MARGIN_MINUTES");
        assertThat(Setting.STALLKEEPER_USAGE_TOKEN.secret()).isTrue();
        assertThat(Setting.STALLKEEPER_USAGE_UNITS.secret()).isFalse();
        assertThat(Settings.describeSecret("STALLKEEPER_USAGE_TOKEN", "a,b")).isEqualTo("set (2 keys, masked)");
    }

    private static java.util.List<String> names() {
        return new Settings(new StallkeeperConfig(Map.of(), Map.of())).effective().stream()
                .map(Settings.Row::name).toList();
    }

    @Test
    void unitPricesAreReadAndBadOnesNamed() {
        StallkeeperConfig config = new StallkeeperConfig(Map.of("STALLKEEPER_USAGE_UNITS", "hour=0.50, GB=0.1"), Map.of());
        assertThat(config.usageUnits()).containsOnlyKeys("hour", "GB");
        assertThat(config.usageUnits().get("GB")).isEqualByComparingTo("0.10");
        StallkeeperConfig bad = new StallkeeperConfig(Map.of("STALLKEEPER_USAGE_UNITS", "hour=-1"), Map.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(bad::usageUnits).hasMessageContaining("hour");
    }

    @Test
    void addressesAreShownWithoutCredentialsOrQuery() {
        assertThat(Settings.withoutCredentials("jdbc:postgresql://db.internal:5432/stallkeeper?user=sk&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db.internal:5432/stallkeeper?(query hidden)");
        assertThat(Settings.withoutCredentials("jdbc:postgresql://sk:hunter2@db.internal/stallkeeper"))
                .isEqualTo("jdbc:postgresql://db.internal/stallkeeper");
        assertThat(Settings.withoutCredentials("jdbc:h2:file:/data/sk;MODE=PostgreSQL;PASSWORD=hunter2"))
                .isEqualTo("jdbc:h2:file:/data/sk;MODE=PostgreSQL;PASSWORD=" + SecretFields.MASK);
        assertThat(Settings.withoutCredentials("https://mkt.example.com")).isEqualTo("https://mkt.example.com");
        StallkeeperConfig config = new StallkeeperConfig(
                Map.of("POSTGRESQL_URL", "jdbc:postgresql://db/sk?password=hunter2"), Map.of());
        assertThat(new Settings(config).effective()).filteredOn(x -> x.name().equals("POSTGRESQL_URL")).singleElement()
                .satisfies(x -> assertThat(x.shown()).isEqualTo("jdbc:postgresql://db/sk?(query hidden)").doesNotContain("hunter2"));
    }
}
