package dev.stallkeeper.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.platform.SecretFields;
import dev.stallkeeper.platform.Settings;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.platform.config.Setting;
import dev.stallkeeper.platform.config.SettingsRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The settings page's model: every registered setting, grouped by context, and never a secret's value. */
class SettingsBeanTest {

    /** The nine settings the code read but the page's old hand-kept list lacked. */
    private static final List<String> ONCE_MISSING = List.of("STALLKEEPER_SETTLEMENT_THRESHOLD",
            "STALLKEEPER_SETTLEMENT_PARTITIONS", "STALLKEEPER_SETTLEMENT_SCHEDULE", "STALLKEEPER_PLATFORM_FEE_PERCENT",
            "STALLKEEPER_PLATFORM_FEE_PERCENT_BY_TYPE", "STALLKEEPER_PRODUCT_TYPES", "STALLKEEPER_DEFAULT_PRODUCT_TYPE",
            "STALLKEEPER_SUPERVISED_PRODUCTS", "STALLKEEPER_SUPERVISED_PRODUCT_TYPES");

    @Test
    void thePageListsEverySettingOnceUnderItsContext() {
        List<Settings.Group> groups = bean(new StallkeeperConfig(Map.of(), Map.of())).getGroups();
        assertThat(groups).extracting(Settings.Group::context).containsExactly(
                "platform", "provisioning", "catalog", "audit", "billing", "supervision", "tenancy", "notification", "usage",
                "security");
        List<Settings.Row> rows = groups.stream().flatMap(g -> g.settings().stream()
                .peek(r -> assertThat(r.context()).isEqualTo(g.context()))).toList();
        assertThat(rows).extracting(Settings.Row::name).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(SettingsRegistry.all().stream().map(Setting::envName).toList())
                .containsAll(ONCE_MISSING);
        assertThat(rows).filteredOn(r -> r.name().equals("STALLKEEPER_SETTLEMENT_THRESHOLD")).singleElement()
                .satisfies(r -> {
                    assertThat(r.context()).isEqualTo("billing");
                    assertThat(r.defaultValue()).isEqualTo("1000.00");
                    assertThat(r.description()).isNotBlank();
                    assertThat(r.set()).isFalse();
                });
        assertThat(rows).filteredOn(Settings.Row::secret).allSatisfy(r -> assertThat(r.shown()).isEqualTo("not set"));
    }

    @Test
    void noSecretValueReachesThePage() {
        Map<String, String> env = new HashMap<>();
        for (Setting s : SettingsRegistry.all()) {
            env.put(s.envName(), "hunter2-" + s.envName().toLowerCase() + ",second-" + s.envName().toLowerCase());
        }
        env.put("KOOGALLERY_KIT_PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\n-----END PRIVATE KEY-----");
        env.put("POSTGRESQL_URL", "jdbc:postgresql://sk:pg-pass@db/stallkeeper?password=pg-pass");
        env.put("STALLKEEPER_SMTP_HOST", "mail.example.com;password=smtp-pass");
        env.put("STALLKEEPER_SSO_LANDING_URL", "https://saas.example.com/?token=landing-token");
        Map<String, String> props = Map.of("stallkeeper.admin.password", "admin-pass-from-property");
        List<Settings.Row> rows = bean(new StallkeeperConfig(env, props)).getGroups().stream()
                .flatMap(g -> g.settings().stream()).toList();
        String page = rows.toString();
        for (Setting s : SettingsRegistry.all()) {
            if (s.secret()) {
                assertThat(page).as(s.envName()).doesNotContain(s.envName().toLowerCase());
            }
        }
        assertThat(page).doesNotContain("MIIEvQIBADANBgkq").doesNotContain("pg-pass").doesNotContain("smtp-pass")
                .doesNotContain("landing-token").doesNotContain("admin-pass-from-property");
        assertThat(rows).filteredOn(Settings.Row::secret).allSatisfy(r -> {
            assertThat(r.set()).isTrue();
            assertThat(r.shown()).startsWith("set");
        });
        assertThat(rows).filteredOn(r -> r.name().equals("KOOGALLERY_KEY")).singleElement()
                .extracting(Settings.Row::shown).isEqualTo("set (2 keys, masked)");
        assertThat(rows).filteredOn(r -> r.name().equals("STALLKEEPER_SMTP_HOST")).singleElement()
                .extracting(Settings.Row::shown).isEqualTo("mail.example.com;password=" + SecretFields.MASK);
        assertThat(rows).filteredOn(r -> r.name().equals("STALLKEEPER_SMTP_USER")).singleElement()
                .extracting(Settings.Row::shown).as("other values are shown")
                .isEqualTo("hunter2-stallkeeper_smtp_user,second-stallkeeper_smtp_user");
    }

    @Test
    void everyContextHasAHeadingInEveryLanguage() throws IOException {
        for (String bundle : List.of("messages.properties", "messages_zh_CN.properties")) {
            Properties messages = new Properties();
            try (InputStream in = getClass().getResourceAsStream(bundle)) {
                messages.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            for (Setting.Context context : Setting.Context.values()) {
                assertThat(messages.getProperty("settings.context." + context.key())).as(bundle + " " + context)
                        .isNotBlank();
            }
            assertThat(messages).containsKeys("settings.description", "settings.defaultValue", "settings.none");
        }
    }

    private static SettingsBean bean(StallkeeperConfig config) {
        SettingsBean bean = new SettingsBean();
        bean.settings = new Settings(config);
        return bean;
    }
}
