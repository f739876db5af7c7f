package dev.stallkeeper.platform;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses a production start with the quick start's well-known secrets. The quick start ({@code ./stallkeeper
 * start}, embedded database) sets {@code demo-key}, {@code stallkeeper-demo} and friends so that a seller can try
 * Stallkeeper at once; on PostgreSQL (a real installation) anyone who read the README would know them, so the
 * application does not deploy and says which settings to change. It also requires a usable {@code STALLKEEPER_DATA_KEY}
 * there, since tenants' passwords and other secrets are sealed with it. Runs before the schema migration and before
 * the first admin is created, so nothing is written.
 */
@Singleton
@Startup
public class ProductionGuard {

    /** The quick start's values (the {@code stallkeeper} script), by the setting that must not carry them. */
    static final Map<String, String> DEMO_VALUES = Map.of(
            "KOOGALLERY_KEY", "demo-key",
            "KOOGALLERY_KIT_KEY", "demo-kit-key",
            "STALLKEEPER_ADMIN_PASSWORD", "stallkeeper-demo",
            "STALLKEEPER_USAGE_TOKEN", "demo-usage-token",
            "STALLKEEPER_DATA_KEY", "c3RhbGxrZWVwZXItcXVpY2stc3RhcnQtZGF0YS1rZXk=");

    @Inject
    StallkeeperConfig config;

    /**
     * The quick start's well-known value of a setting ({@code KOOGALLERY_KEY}: {@code demo-key}), if it has one: what
     * the go-live checklist shows red.
     */
    public static Optional<String> demoValue(String envName) {
        return Optional.ofNullable(DEMO_VALUES.get(envName));
    }

    @PostConstruct
    void check() {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Stallkeeper does not start on PostgreSQL with the quick start's demo"
                    + " secrets or data, or without a data key: " + String.join("; ", problems)
                    + ". Set your own values (see README.md, Configuration).");
        }
    }

    /** Whether {@code config} points the application at PostgreSQL (a real installation, not the quick start). */
    public static boolean onPostgreSql(StallkeeperConfig config) {
        Optional<String> url = config.value("STALLKEEPER_DB_URL").or(() -> config.value("POSTGRESQL_URL"));
        return url.isPresent() && url.get().startsWith("jdbc:postgresql:");
    }

    /** What is wrong with {@code config} for a production start; empty on the embedded database. */
    static List<String> problems(StallkeeperConfig config) {
        if (!onPostgreSql(config)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (config.demoData()) {
            problems.add("STALLKEEPER_DEMO_DATA is true: the demo month is for the quick start's embedded database only");
        }
        DEMO_VALUES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            boolean demo = config.value(e.getKey()).map(v -> Arrays.stream(v.split(","))
                    .anyMatch(part -> part.trim().equals(e.getValue()))).orElse(false);
            if (demo) {
                problems.add(e.getKey() + " is the quick start's '" + e.getValue() + "'");
            }
        });
        if (config.dataKeys().isEmpty()) {
            problems.add("STALLKEEPER_DATA_KEY is not set: tenants' passwords and other secrets are sealed at rest with"
                    + " it (generate one with: openssl rand -base64 32)");
        } else if (DataKeys.parse(config.dataKeys()).isEmpty()) {
            problems.add("STALLKEEPER_DATA_KEY is unusable: each comma-separated key must be base64 of 16, 24 or 32 bytes"
                    + " (generate one with: openssl rand -base64 32)");
        }
        return problems;
    }
}
