package dev.stallkeeper.platform;

import dev.stallkeeper.platform.config.Setting;
import dev.stallkeeper.platform.config.SettingsRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The effective configuration as the console shows it: every setting of {@link SettingsRegistry}, grouped by its
 * owning context, with its description, default and value. Secrets (keys, passwords, tokens) are never shown: only
 * whether they are set, and how many values a key list holds; addresses are shown without credentials or query
 * strings, and other values that look like they carry a secret are masked with {@link SecretFields#MASK}.
 */
@ApplicationScoped
public class Settings {

    /** A {@code name=value} pair whose name says it holds a secret, as in a JDBC URL or a key list. */
    private static final Pattern SECRET_PAIR = Pattern.compile("(?i)(password|pwd|secret|token|key)=[^;&,]*");

    @Inject
    StallkeeperConfig config;

    public Settings() {
    }

    /** For tests. */
    public Settings(StallkeeperConfig config) {
        this.config = config;
    }

    /**
     * One setting as shown: {@code shown} is the value, or a description of a secret ("set (masked)", "not set");
     * {@code set} false means the default applies; {@code defaultValue} is empty when there is none.
     */
    public record Row(String name, String context, String description, String defaultValue, String shown, boolean set,
            boolean secret) {
    }

    /** The settings one context owns ({@code context} as in {@link Setting.Context#key()}). */
    public record Group(String context, List<Row> settings) {
    }

    /** Every setting of the registry, in its order. */
    public List<Row> effective() {
        List<Row> out = new ArrayList<>();
        for (Setting setting : SettingsRegistry.all()) {
            out.add(row(setting));
        }
        return out;
    }

    /** Every setting of the registry, grouped by owning context. */
    public List<Group> groups() {
        List<Group> out = new ArrayList<>();
        SettingsRegistry.byContext().forEach((context, settings) ->
                out.add(new Group(context.key(), settings.stream().map(this::row).toList())));
        return out;
    }

    private Row row(Setting setting) {
        Optional<String> value = config.value(setting);
        String name = setting.envName();
        String shown;
        if (setting.secret()) {
            shown = value.map(v -> describeSecret(name, v)).orElse("not set");
        } else {
            shown = value.map(v -> isAddress(name) ? withoutCredentials(v) : masked(v)).orElse("");
        }
        return new Row(name, setting.context().key(), setting.description(), setting.defaultValue().orElse(""), shown,
                value.isPresent(), setting.secret());
    }

    /** Settings that hold an address (a JDBC URL, the open API's base, URL templates). */
    static boolean isAddress(String name) {
        return name.contains("URL") || name.contains("_URI") || name.endsWith("_BASE");
    }

    /**
     * An address as the console may show it: no user name or password before the host, no query string (a JDBC URL
     * may carry {@code ?password=}), and no {@code password=}-like parameter in the {@code ;} form H2 uses.
     */
    static String withoutCredentials(String url) {
        String shown = url.replaceFirst("//[^/?#]*@", "//");
        int query = shown.indexOf('?');
        if (query >= 0) {
            shown = shown.substring(0, query) + "?(query hidden)";
        }
        return masked(shown);
    }

    /** A value that is not declared secret, with whatever in it looks like one masked. */
    static String masked(String value) {
        if (value.contains("-----BEGIN")) {
            return SecretFields.MASK;
        }
        return SecretFields.mask(SECRET_PAIR.matcher(value).replaceAll("$1=" + SecretFields.MASK));
    }

    static String describeSecret(String name, String value) {
        if ((name.endsWith("_KEY") || name.endsWith("_TOKEN")) && value.contains(",")) {
            return "set (" + value.split(",").length + " keys, masked)";
        }
        return "set (masked)";
    }
}
