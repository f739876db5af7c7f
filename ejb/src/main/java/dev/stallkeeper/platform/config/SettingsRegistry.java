package dev.stallkeeper.platform.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one list of settings ({@link Setting}): what StallkeeperConfig reads, what the console's settings page and
 * docs/configuration.md list. Pure and thread-safe.
 */
public final class SettingsRegistry {

    private static final Map<String, Setting> BY_NAME = Arrays.stream(Setting.values())
            .collect(Collectors.toUnmodifiableMap(Setting::envName, Function.identity()));

    private SettingsRegistry() {
    }

    /** Every setting, in declaration order (grouped by context). */
    public static List<Setting> all() {
        return List.of(Setting.values());
    }

    /** The setting of an environment name, if listed. */
    public static Optional<Setting> find(String envName) {
        return Optional.ofNullable(envName == null ? null : BY_NAME.get(envName));
    }

    /** The setting of an environment name; an unlisted name is a programming error. */
    public static Setting require(String envName) {
        return find(envName).orElseThrow(() -> new IllegalArgumentException(envName
                + " is not a setting Stallkeeper knows: declare it in " + Setting.class.getName()));
    }

    /** Every setting by its owning context, contexts in their declared order. */
    public static Map<Setting.Context, List<Setting>> byContext() {
        Map<Setting.Context, List<Setting>> out = new EnumMap<>(Setting.Context.class);
        for (Setting s : Setting.values()) {
            out.computeIfAbsent(s.context(), c -> new java.util.ArrayList<>()).add(s);
        }
        out.replaceAll((c, list) -> List.copyOf(list));
        return Collections.unmodifiableMap(out);
    }
}
