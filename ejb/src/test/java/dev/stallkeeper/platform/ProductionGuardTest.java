package dev.stallkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductionGuardTest {

    /** base64 of the 32 ASCII bytes "stallkeeper-quick-start-data-key", as the stallkeeper script sets it. */
    private static final String QUICK_START_DATA_KEY = java.util.Base64.getEncoder().encodeToString(
            "stallkeeper-quick-start-data-key".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    private static final String OWN_DATA_KEY = java.util.Base64.getEncoder().encodeToString(new byte[32]);

    private static final Map<String, String> DEMO = Map.of("KOOGALLERY_KEY", "demo-key",
            "KOOGALLERY_KIT_KEY", "demo-kit-key", "STALLKEEPER_ADMIN_PASSWORD", "stallkeeper-demo",
            "STALLKEEPER_USAGE_TOKEN", "demo-usage-token", "STALLKEEPER_DATA_KEY", QUICK_START_DATA_KEY);

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
                "STALLKEEPER_DATA_KEY is the quick start's '" + QUICK_START_DATA_KEY + "'",
                "STALLKEEPER_USAGE_TOKEN is the quick start's 'demo-usage-token'");
    }

    @Test
    void onPostgreSqlAUsableDataKeyIsRequired() {
        assertThat(ProductionGuard.problems(new StallkeeperConfig(Map.of("POSTGRESQL_URL", "jdbc:postgresql://db/s"),
                Map.of()))).singleElement().asString().startsWith("STALLKEEPER_DATA_KEY is not set");
        assertThat(ProductionGuard.problems(new StallkeeperConfig(Map.of("POSTGRESQL_URL", "jdbc:postgresql://db/s",
                "STALLKEEPER_DATA_KEY", "c2hvcnQ="), Map.of()))) // base64 of "short": 5 bytes, no AES key
                .singleElement().asString().startsWith("STALLKEEPER_DATA_KEY is unusable");
        assertThat(ProductionGuard.problems(new StallkeeperConfig(Map.of(), Map.of()))).as("embedded: optional").isEmpty();
    }

    @Test
    void ownSecretsOnPostgreSqlPassAndSystemPropertiesCountToo() {
        assertThat(ProductionGuard.problems(new StallkeeperConfig(Map.of("POSTGRESQL_URL", "jdbc:postgresql://db/s",
                "KOOGALLERY_KEY", "a-real-key-from-the-seller-console", "STALLKEEPER_DATA_KEY", OWN_DATA_KEY),
                Map.of()))).isEmpty();
        assertThat(ProductionGuard.problems(new StallkeeperConfig(Map.of(), Map.of(
                "stallkeeper.db.url", "jdbc:postgresql://db/s", "koogallery.key", "demo-key",
                "stallkeeper.data.key", OWN_DATA_KEY))))
                .containsExactly("KOOGALLERY_KEY is the quick start's 'demo-key'");
    }

    @Test
    void demoDataIsRefusedOnPostgreSqlOnly() {
        assertThat(ProductionGuard.problems(new StallkeeperConfig(Map.of("POSTGRESQL_URL", "jdbc:postgresql://db/s",
                "STALLKEEPER_DATA_KEY", OWN_DATA_KEY, "STALLKEEPER_DEMO_DATA", "true"), Map.of())))
                .containsExactly("STALLKEEPER_DEMO_DATA is true: the demo month is for the quick start's embedded"
                        + " database only");
        assertThat(ProductionGuard.problems(new StallkeeperConfig(Map.of("STALLKEEPER_DEMO_DATA", "true"), Map.of())))
                .as("the quick start").isEmpty();
        assertThat(ProductionGuard.onPostgreSql(new StallkeeperConfig(Map.of(), Map.of(
                "stallkeeper.db.url", "jdbc:postgresql://db/s")))).isTrue();
        assertThat(ProductionGuard.onPostgreSql(new StallkeeperConfig(Map.of(), Map.of()))).isFalse();
    }
}
