package dev.stallkeeper.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The effective configuration as the console shows it: every setting with its value and where it came from.
 * Secrets (keys, passwords) are never shown: only whether they are set, and how many values a key list holds;
 * addresses are shown without credentials or query strings.
 */
@ApplicationScoped
public class Settings {

    /** Every setting Stallkeeper reads, in the order the README lists them. */
    public static final List<String> NAMES = List.of(
            "POSTGRESQL_URL", "POSTGRESQL_USER", "POSTGRESQL_PASSWORD",
            "KOOGALLERY_KEY", "KOOGALLERY_KIT_KEY", "KOOGALLERY_AK", "KOOGALLERY_SK", "KOOGALLERY_API_BASE",
            "KOOGALLERY_API_TIMEOUT_MS", "KOOGALLERY_SIGNATURE_WINDOW_SECONDS",
            "STALLKEEPER_MAX_BODY_BYTES", "STALLKEEPER_CALLBACK_BYTES_IN_FLIGHT", "STALLKEEPER_CALLBACK_BUSY_AT",
            "STALLKEEPER_PROVISIONING_INLINE_MS",
            "STALLKEEPER_PROVISIONING_INLINE_MAX",
            "STALLKEEPER_PROVISIONING_LEASE_SECONDS", "STALLKEEPER_PROVISIONING_MAX_ATTEMPTS",
            "STALLKEEPER_RETRY_BASE_SECONDS", "STALLKEEPER_RETRY_MAX_SECONDS",
            "STALLKEEPER_FRONTEND_URL_TEMPLATE", "STALLKEEPER_ADMIN_URL_TEMPLATE",
            "STALLKEEPER_AUDIT_RETENTION_DAYS", "STALLKEEPER_HOUSEKEEPING_MINUTES", "STALLKEEPER_NODE_ID",
            "STALLKEEPER_ADMIN_USER", "STALLKEEPER_ADMIN_PASSWORD", "STALLKEEPER_SECURE_COOKIES",
            "STALLKEEPER_DB_POOL_MAX", "STALLKEEPER_HTTP_THREADS", "STALLKEEPER_DEMO_DATA",
            "KOOGALLERY_KIT_PRIVATE_KEY", "STALLKEEPER_DATA_KEY", "KOOGALLERY_APP_ID", "STALLKEEPER_SSO_REDIRECT_URI",
            "STALLKEEPER_SSO_LANDING_URL", "STALLKEEPER_SSO_ALLOW_HTTP", "STALLKEEPER_SSO_ALLOWED_HOSTS",
            "STALLKEEPER_KIT_MAX_BODY_BYTES",
            "STALLKEEPER_SUPERVISION_COMPLETION_MINUTES", "STALLKEEPER_SMTP_HOST", "STALLKEEPER_SMTP_PORT",
            "STALLKEEPER_SMTP_TLS", "STALLKEEPER_SMTP_USER", "STALLKEEPER_SMTP_PASSWORD", "STALLKEEPER_SMTP_FROM",
            "STALLKEEPER_NOTIFY_TO", "STALLKEEPER_NOTIFY_FAILURE_PERCENT", "STALLKEEPER_MAIL_MAX_ATTEMPTS",
            "STALLKEEPER_USAGE_TOKEN", "STALLKEEPER_USAGE_UNITS", "STALLKEEPER_USAGE_BILLING",
            "STALLKEEPER_USAGE_PUSH_DELAY_MINUTES", "STALLKEEPER_USAGE_PUSH_SECONDS",
            "STALLKEEPER_USAGE_WINDOW_MARGIN_MINUTES", "STALLKEEPER_USAGE_LEASE_SECONDS",
            "STALLKEEPER_USAGE_DUPLICATE_CODES",
            "STALLKEEPER_AUDIT_SPOOL_BYTES", "STALLKEEPER_AUDIT_SPOOL_ENTRIES", "STALLKEEPER_METRICS_TOKEN");

    @Inject
    StallkeeperConfig config;

    /** One setting: {@code shown} is the value, or a description of a secret; {@code set} false means the default applies. */
    public record Setting(String name, String shown, boolean set, boolean secret) {
    }

    public List<Setting> effective() {
        List<Setting> out = new ArrayList<>();
        for (String name : NAMES) {
            Optional<String> value = config.value(name);
            boolean secret = isSecret(name);
            String shown = value.map(v -> secret ? describeSecret(name, v) : isAddress(name) ? withoutCredentials(v) : v)
                    .orElse("");
            out.add(new Setting(name, shown, value.isPresent(), secret));
        }
        return out;
    }

    static boolean isSecret(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return n.endsWith("_KEY") || n.endsWith("_SK") || n.contains("PASSWORD") || n.contains("SECRET")
                || n.endsWith("_TOKEN");
    }

    /** Settings that hold an address (a JDBC URL, the open API's base, URL templates). */
    static boolean isAddress(String name) {
        return name.contains("URL") || name.endsWith("_BASE");
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
        return shown.replaceAll("(?i)(password|pwd|secret|token|key)=[^;&]*", "$1=(masked)");
    }

    static String describeSecret(String name, String value) {
        if ((name.endsWith("_KEY") || name.endsWith("_TOKEN")) && value.contains(",")) {
            return "set (" + value.split(",").length + " keys, masked)";
        }
        return "set (masked)";
    }
}
