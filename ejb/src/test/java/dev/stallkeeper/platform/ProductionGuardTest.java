package dev.stallkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductionGuardTest {

    private static final Map<String, String> DEMO = Map.of("KOOGALLERY_KEY", "demo-key",
            "KOOGALLERY_KIT_KEY", "demo-kit-key", "STALLKEEPER_ADMIN_PASSWORD", "stallkeeper-demo",
            "STALLKEEPER_USAGE_TOKEN", "demo-usage-token");

    @Test
    void theQuickStartsSecretsAreFineOnTheEmbeddedDatabase() {
        assertThat(ProductionGuard.problems(new StallkeeperConfig(DEMO, Map.of()))).isEmpty();
        java.util.HashMap<String, String> h2 = new java.util.HashMap<>(DEMO);
        h2.put("POSTGRESQL_URL", "jdbc:h2:file:/tmp/x");
        assertThat(ProductionGuard.problems(new StallkeeperConfig(h2, Map.of()))).isEmpty();
    }

    @Test
    void onPostgreSqlEachDemoSecretIsNamed() {
        java.util.HashMap<String, String> env = new java.util.HashMap<>(DEMO);
        env.put("POSTGRESQL_URL", "jdbc:postgresql://db/stallkeeper");
        env.put("KOOGALLERY_KEY", "new-key-2026,demo-key"); // still accepted during a rotation: refused
        assertThat(ProductionGuard.problems(new StallkeeperConfig(env, Map.of()))).containsExactly(
                "KOOGALLERY_KEY is the quick start's 'demo-key'",
                "KOOGALLERY_KIT_KEY is the quick start's 'demo-kit-key'",
                "STALLKEEPER_ADMIN_PASSWORD is the quick start's 'stallkeeper-demo'",
                "STALLKEEPER_USAGE_TOKEN is the quick start's 'demo-usage-token'");
    }

    @Test
    void ownSecretsOnPostgreSqlPassAndSystemPropertiesCountToo() {
        assertThat(ProductionGuard.problems(new StallkeeperConfig(Map.of("POSTGRESQL_URL", "jdbc:postgresql://db/s",
                "KOOGALLERY_KEY", "a-real-key-from-the-seller-console"), Map.of()))).isEmpty();
        assertThat(ProductionGuard.problems(new StallkeeperConfig(Map.of(), Map.of(
                "stallkeeper.db.url", "jdbc:postgresql://db/s", "koogallery.key", "demo-key"))))
                .containsExactly("KOOGALLERY_KEY is the quick start's 'demo-key'");
    }
}
