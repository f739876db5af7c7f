package dev.stallkeeper.platform;

import dev.stallkeeper.platform.config.Setting;
import dev.stallkeeper.platform.config.SettingsRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Stallkeeper's configuration, read from the environment (the operator contract: docs/configuration.md).
 * Every setting is declared once, in {@link Setting} (name, default, secret or not, owning context); this class
 * reads through those declarations, and a name {@link SettingsRegistry} does not list is refused. Every environment
 * variable {@code SOME_NAME} may also be given as the system property {@code some.name}, which wins; that is how
 * tests and {@code standalone.conf} pass values to the server.
 * Values are read on each call so that a running server can be reconfigured by restarting nothing but
 * the process that sets them; the cost is a map lookup.
 */
@ApplicationScoped
public class StallkeeperConfig {

    public static final String DEFAULT_API_BASE = Setting.KOOGALLERY_API_BASE.defaultValue().orElseThrow();

    private final Function<String, String> env;
    private final Function<String, String> props;

    public StallkeeperConfig() {
        this(System::getenv, System::getProperty);
    }

    /** For tests: explicit sources. */
    public StallkeeperConfig(Map<String, String> env, Map<String, String> props) {
        this(env::get, props::get);
    }

    private StallkeeperConfig(Function<String, String> env, Function<String, String> props) {
        this.env = env;
        this.props = props;
    }

    /** The raw value of one setting, system property first, then environment; blank counts as absent. */
    public Optional<String> value(Setting setting) {
        String v = props.apply(setting.propertyName());
        if (v == null || v.isBlank()) {
            v = env.apply(setting.envName());
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    /**
     * The raw value of the setting of that environment name.
     *
     * @throws IllegalArgumentException when {@link SettingsRegistry} does not list the name
     */
    public Optional<String> value(String envName) {
        return value(SettingsRegistry.require(envName));
    }

    public String value(String envName, String defaultValue) {
        return value(envName).orElse(defaultValue);
    }

    public long longValue(String envName, long defaultValue) {
        return longValue(SettingsRegistry.require(envName), defaultValue);
    }

    /** The value of a setting, else its declared default, else empty text. */
    private String text(Setting setting) {
        return value(setting).or(setting::defaultValue).orElse("");
    }

    private long longValue(Setting setting) {
        return longValue(setting, Long.parseLong(setting.defaultValue().orElseThrow()));
    }

    private long longValue(Setting setting, long defaultValue) {
        return value(setting).map(v -> {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(setting.envName() + " must be a whole number, got '" + v + "'");
            }
        }).orElse(defaultValue);
    }

    /** KOOGALLERY_KEY: comma-separated; any verifies a request (rotation), the first signs responses. */
    public List<String> koogalleryKeys() {
        return list(Setting.KOOGALLERY_KEY);
    }

    public Optional<String> accessKeyId() {
        return value(Setting.KOOGALLERY_AK);
    }

    public Optional<String> secretAccessKey() {
        return value(Setting.KOOGALLERY_SK);
    }

    /** scheme://host[:port] of the KooGallery open APIs. */
    public URI apiBase() {
        String base = text(Setting.KOOGALLERY_API_BASE);
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base);
    }

    /**
     * STALLKEEPER_PUBLIC_URL: scheme://host[:port] at which KooGallery reaches this server (the production address is
     * this plus {@code /api/koogallery/produce}); empty when unset (the go-live checklist then derives it).
     */
    public Optional<URI> publicUrl() {
        return value(Setting.STALLKEEPER_PUBLIC_URL).map(v -> {
            String base = v;
            while (base.endsWith("/")) {
                base = base.substring(0, base.length() - 1);
            }
            try {
                URI uri = new URI(base);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalStateException("STALLKEEPER_PUBLIC_URL must be scheme://host[:port], got '" + v + "'");
                }
                return uri;
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException("STALLKEEPER_PUBLIC_URL must be scheme://host[:port], got '" + v + "'");
            }
        });
    }

    /** Symmetric window for callback timestamps (KooGallery documents 60 s). */
    public Duration signatureWindow() {
        return Duration.ofSeconds(longValue(Setting.KOOGALLERY_SIGNATURE_WINDOW_SECONDS));
    }

    /** Largest callback body accepted; larger ones get 000002 without being parsed. */
    public int maxBodyBytes() {
        return (int) longValue(Setting.STALLKEEPER_MAX_BODY_BYTES);
    }

    /**
     * STALLKEEPER_CALLBACK_BYTES_IN_FLIGHT: the most body bytes all callbacks together may hold at once (production
     * address and Kit); a request that would exceed it is answered at once with 000005 (busy, retry) unread.
     */
    public int callbackBytesInFlight() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, longValue(Setting.STALLKEEPER_CALLBACK_BYTES_IN_FLIGHT)));
    }

    /**
     * STALLKEEPER_CALLBACK_BUSY_AT: authenticated callbacks in flight on this node beyond which a new order line is
     * stored with its work due and answered 000004 at once (provisioned by the work poller), instead of being
     * provisioned while KooGallery waits: under overload answers stay inside KooGallery's deadline.
     */
    public int callbackBusyAt() {
        return (int) Math.max(1, longValue(Setting.STALLKEEPER_CALLBACK_BUSY_AT));
    }

    /** How long a callback waits for provisioning before answering 000004 (KooGallery allows 20 s). */
    public Duration provisioningInlineBudget() {
        return Duration.ofMillis(longValue(Setting.STALLKEEPER_PROVISIONING_INLINE_MS));
    }

    /**
     * Attempts running or queued on this node beyond which a newInstance answers {@code 000004} at once instead
     * of waiting up to the inline budget (keeps answers inside KooGallery's deadline under overload); also how many
     * callbacks may run in their one transaction at once (beyond it they take the durable path).
     */
    public int provisioningInlineMax() {
        return (int) Math.max(1, longValue(Setting.STALLKEEPER_PROVISIONING_INLINE_MAX));
    }

    /** How long one provisioning attempt may hold its claim before another node may take the work over. */
    public Duration provisioningLease() {
        return Duration.ofSeconds(longValue(Setting.STALLKEEPER_PROVISIONING_LEASE_SECONDS));
    }

    /** Attempts before background work is parked for a person to look at. */
    public int provisioningMaxAttempts() {
        return (int) longValue(Setting.STALLKEEPER_PROVISIONING_MAX_ATTEMPTS);
    }

    /** First retry delay; it doubles on every further failure up to {@link #retryMaxDelay()}. */
    public Duration retryBaseDelay() {
        return Duration.ofSeconds(longValue(Setting.STALLKEEPER_RETRY_BASE_SECONDS));
    }

    public Duration retryMaxDelay() {
        return Duration.ofSeconds(longValue(Setting.STALLKEEPER_RETRY_MAX_SECONDS));
    }

    /** Timeout of one call to a KooGallery open API. */
    public Duration openApiTimeout() {
        return Duration.ofMillis(longValue(Setting.KOOGALLERY_API_TIMEOUT_MS));
    }

    /** How long callbacks stay in the audit log; zero keeps them for ever. */
    public Duration auditRetention() {
        return Duration.ofDays(Math.max(0, longValue(Setting.STALLKEEPER_AUDIT_RETENTION_DAYS)));
    }

    /**
     * This node's name in the fleet: {@code STALLKEEPER_NODE_ID}, which {@code bin/standalone.conf} hands WildFly as
     * {@code jboss.node.name} (default: the host name). It is the session route and every {@code claimed_by}.
     */
    public String nodeId() {
        String node = System.getProperty("jboss.node.name");
        return node == null || node.isBlank() ? value(Setting.STALLKEEPER_NODE_ID).orElse("unknown") : node;
    }

    /** How often the housekeeping batch job runs (nonce purge, audit retention). */
    public Duration housekeepingInterval() {
        return Duration.ofMinutes(Math.max(1, longValue(Setting.STALLKEEPER_HOUSEKEEPING_MINUTES)));
    }

    /** Template of the buyer's login URL; {instanceId} and {tenant} are replaced. */
    public String frontEndUrlTemplate() {
        return text(Setting.STALLKEEPER_FRONTEND_URL_TEMPLATE);
    }

    public String adminUrlTemplate() {
        return text(Setting.STALLKEEPER_ADMIN_URL_TEMPLATE);
    }

    /** Load demo data into an empty embedded database (the quick start sets it). */
    public boolean demoData() {
        return Boolean.parseBoolean(text(Setting.STALLKEEPER_DEMO_DATA));
    }

    // --- settlement (docs/settlement.md) --------------------------------------------------------------------

    /** STALLKEEPER_SETTLEMENT_THRESHOLD: the per-product-type amount (CNY) that must accumulate before it settles. */
    public java.math.BigDecimal settlementThreshold() {
        return decimal(Setting.STALLKEEPER_SETTLEMENT_THRESHOLD);
    }

    /** STALLKEEPER_PLATFORM_FEE_PERCENT: KooGallery's platform fee in percent of a statement's gross amount. */
    public java.math.BigDecimal platformFeePercent() {
        return decimal(Setting.STALLKEEPER_PLATFORM_FEE_PERCENT);
    }

    /** STALLKEEPER_PLATFORM_FEE_PERCENT_BY_TYPE: exceptions per product type, e.g. {@code LICENSE=10,API=3.5}. */
    public Map<String, java.math.BigDecimal> platformFeePercentByType() {
        Map<String, java.math.BigDecimal> out = new java.util.LinkedHashMap<>();
        pairs(Setting.STALLKEEPER_PLATFORM_FEE_PERCENT_BY_TYPE).forEach((type, value) -> {
            try {
                out.put(type, new java.math.BigDecimal(value));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("STALLKEEPER_PLATFORM_FEE_PERCENT_BY_TYPE: '" + value
                        + "' for " + type + " is not a number");
            }
        });
        return out;
    }

    /** STALLKEEPER_PRODUCT_TYPES: the product type of each KooGallery productId, e.g. {@code OFFI123=LICENSE}. */
    public Map<String, String> productTypes() {
        return pairs(Setting.STALLKEEPER_PRODUCT_TYPES);
    }

    /** STALLKEEPER_DEFAULT_PRODUCT_TYPE: the type of products not listed in STALLKEEPER_PRODUCT_TYPES. */
    public String defaultProductType() {
        return text(Setting.STALLKEEPER_DEFAULT_PRODUCT_TYPE);
    }

    /** STALLKEEPER_SUPERVISED_PRODUCT_TYPES: product types whose new purchases go through service supervision. */
    public java.util.Set<String> supervisedProductTypes() {
        return java.util.Set.copyOf(list(Setting.STALLKEEPER_SUPERVISED_PRODUCT_TYPES));
    }

    /** STALLKEEPER_SUPERVISED_PRODUCTS: productIds of other types that are supervised (SaaS provisioned after acceptance). */
    public java.util.Set<String> supervisedProducts() {
        return java.util.Set.copyOf(list(Setting.STALLKEEPER_SUPERVISED_PRODUCTS));
    }

    /**
     * STALLKEEPER_SETTLEMENT_SCHEDULE: when the monthly reconciliation of the previous period runs, as
     * "day-of-month HH:mm" in Beijing time (default {@code 3 02:00}), or {@code off}.
     */
    public String settlementSchedule() {
        return text(Setting.STALLKEEPER_SETTLEMENT_SCHEDULE);
    }

    /** STALLKEEPER_SETTLEMENT_PARTITIONS: how many bill-id ranges the reconciliation reads in parallel. */
    public int settlementPartitions() {
        return (int) Math.max(1, Math.min(16, longValue(Setting.STALLKEEPER_SETTLEMENT_PARTITIONS)));
    }

    // --- joint-operation kit and tenant SSO (docs/joint-operation.md) --------------------------------------------

    /** KOOGALLERY_KIT_KEY: the key bound to the joint-op sync interface; comma-separated for rotation, first signs. */
    public List<String> kitKeys() {
        return list(Setting.KOOGALLERY_KIT_KEY);
    }

    /**
     * KOOGALLERY_KIT_PRIVATE_KEY: the seller's RSA private key (PKCS#8 PEM text, or the path of a PEM file) that
     * decrypts applicationSync's clientSecret.
     */
    public Optional<String> kitPrivateKey() {
        return value(Setting.KOOGALLERY_KIT_PRIVATE_KEY);
    }

    /**
     * STALLKEEPER_DATA_KEY: base64 of a 256-bit AES key that seals secrets at rest (OAuth client secrets, tokens);
     * comma-separated for rotation: the first seals, any opens.
     */
    public List<String> dataKeys() {
        return list(Setting.STALLKEEPER_DATA_KEY);
    }

    /** KOOGALLERY_APP_ID: the seller's app whose OAuth client SSO uses when a tenant has several; optional. */
    public Optional<String> appId() {
        return value(Setting.KOOGALLERY_APP_ID);
    }

    /** STALLKEEPER_SSO_REDIRECT_URI: the callback registered with KooGallery; derived from the request when unset. */
    public Optional<String> ssoRedirectUri() {
        return value(Setting.STALLKEEPER_SSO_REDIRECT_URI);
    }

    /** STALLKEEPER_SSO_LANDING_URL: where a user goes after signing in (the seller's SaaS). */
    public String ssoLandingUrl() {
        return text(Setting.STALLKEEPER_SSO_LANDING_URL);
    }

    /**
     * STALLKEEPER_SSO_ALLOWED_HOSTS: comma-separated host names whose identity services may be called (a name also
     * allows its subdomains); empty: any public host.
     */
    public List<String> ssoAllowedHosts() {
        return list(Setting.STALLKEEPER_SSO_ALLOWED_HOSTS);
    }

    /**
     * STALLKEEPER_SSO_ALLOW_HTTP: accept tenants whose identity service is plain HTTP or on a local or private
     * address (local tests only).
     */
    public boolean ssoAllowHttp() {
        return Boolean.parseBoolean(text(Setting.STALLKEEPER_SSO_ALLOW_HTTP));
    }

    /** STALLKEEPER_KIT_MAX_BODY_BYTES: largest Kit call body (authSync carries up to 500 users, allOrgSync a whole tree). */
    public int kitMaxBodyBytes() {
        return (int) longValue(Setting.STALLKEEPER_KIT_MAX_BODY_BYTES);
    }

    // --- supervision, invoices, e-mail (docs/supervision-and-invoices.md) --------------------------------------

    /** STALLKEEPER_SUPERVISION_COMPLETION_MINUTES: from the buyer's acceptance to completion (KooGallery: 3 hours). */
    public Duration supervisionCompletionDelay() {
        return Duration.ofMinutes(Math.max(0, longValue(Setting.STALLKEEPER_SUPERVISION_COMPLETION_MINUTES)));
    }

    /** STALLKEEPER_SMTP_HOST: the mail server for invoices and notifications; unset means no e-mail is sent (it waits). */
    public Optional<String> smtpHost() {
        return value(Setting.STALLKEEPER_SMTP_HOST);
    }

    /** STALLKEEPER_SMTP_PORT (default 587 with STARTTLS, 25 without). */
    public int smtpPort() {
        return (int) longValue(Setting.STALLKEEPER_SMTP_PORT, smtpTls() ? 587 : 25);
    }

    /** STALLKEEPER_SMTP_TLS: STARTTLS required (default true); false only for a trusted local relay or tests. */
    public boolean smtpTls() {
        return Boolean.parseBoolean(text(Setting.STALLKEEPER_SMTP_TLS));
    }

    public Optional<String> smtpUser() {
        return value(Setting.STALLKEEPER_SMTP_USER);
    }

    public Optional<String> smtpPassword() {
        return value(Setting.STALLKEEPER_SMTP_PASSWORD);
    }

    /** STALLKEEPER_SMTP_FROM: the sender address of every e-mail. */
    public String smtpFrom() {
        return text(Setting.STALLKEEPER_SMTP_FROM);
    }

    /** STALLKEEPER_NOTIFY_TO: the seller's addresses (comma-separated) for overdue invoices, stalls, failing callbacks. */
    public List<String> notifyTo() {
        return list(Setting.STALLKEEPER_NOTIFY_TO);
    }

    /** STALLKEEPER_NOTIFY_FAILURE_PERCENT: the hourly callback failure rate (percent) that warns the seller. */
    public int notifyFailurePercent() {
        return (int) Math.max(1, Math.min(100, longValue(Setting.STALLKEEPER_NOTIFY_FAILURE_PERCENT)));
    }

    /** STALLKEEPER_MAIL_MAX_ATTEMPTS: SMTP attempts before an e-mail is parked. */
    public int mailMaxAttempts() {
        return (int) Math.max(1, longValue(Setting.STALLKEEPER_MAIL_MAX_ATTEMPTS));
    }

    /** Mark cookies {@code Secure} (STALLKEEPER_SECURE_COOKIES, default true). */
    public boolean secureCookies() {
        return Boolean.parseBoolean(text(Setting.STALLKEEPER_SECURE_COOKIES));
    }

    // --- pay-per-use usage push (docs/usage-push.md) -----------------------------------------------------------

    /** STALLKEEPER_USAGE_TOKEN: bearer token(s) of POST /api/usage, comma-separated (rotation); none turns it off. */
    public List<String> usageTokens() {
        return list(Setting.STALLKEEPER_USAGE_TOKEN);
    }

    /**
     * STALLKEEPER_USAGE_UNITS: the metering units the seller's SaaS may report, each with its price in CNY per unit,
     * e.g. {@code hour=0.50,GB=0.10}; the price makes the settlement bill of an accepted record.
     */
    public Map<String, java.math.BigDecimal> usageUnits() {
        Map<String, java.math.BigDecimal> out = new java.util.LinkedHashMap<>();
        pairs(Setting.STALLKEEPER_USAGE_UNITS).forEach((unit, price) -> {
            try {
                java.math.BigDecimal p = new java.math.BigDecimal(price);
                if (p.signum() < 0) {
                    throw new NumberFormatException();
                }
                out.put(unit, p);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("STALLKEEPER_USAGE_UNITS: the price '" + price + "' of " + unit
                        + " is not a number of 0 or more");
            }
        });
        return out;
    }

    /** STALLKEEPER_USAGE_BILLING: HOURLY (records due at the next full hour) or DAILY (at the next 00:00 Beijing time). */
    public String usageBilling() {
        return text(Setting.STALLKEEPER_USAGE_BILLING);
    }

    /** STALLKEEPER_USAGE_PUSH_DELAY_MINUTES: how long after the hour (or day) a period's records become due. */
    public Duration usagePushDelay() {
        return Duration.ofMinutes(Math.max(0, Math.min(14, longValue(Setting.STALLKEEPER_USAGE_PUSH_DELAY_MINUTES))));
    }

    /** STALLKEEPER_USAGE_PUSH_SECONDS: how often every node looks for due records (and starts the usage-push job). */
    public Duration usagePushInterval() {
        return Duration.ofSeconds(Math.max(1, longValue(Setting.STALLKEEPER_USAGE_PUSH_SECONDS)));
    }

    /** STALLKEEPER_USAGE_WINDOW_MARGIN_MINUTES: records are parked this long before KooGallery's 21 days run out. */
    public Duration usageWindowMargin() {
        return Duration.ofMinutes(Math.max(0, Math.min(24 * 60, longValue(Setting.STALLKEEPER_USAGE_WINDOW_MARGIN_MINUTES))));
    }

    /** STALLKEEPER_USAGE_LEASE_SECONDS: how long one push may hold its records before another node may resend them. */
    public Duration usageLease() {
        return Duration.ofSeconds(Math.max(10, longValue(Setting.STALLKEEPER_USAGE_LEASE_SECONDS)));
    }

    /**
     * STALLKEEPER_USAGE_DUPLICATE_CODES: KooGallery's per-record codes meaning "this metering_sn was received
     * already" (an earlier push whose answer was lost): such records count as accepted. UNCONFIRMED code, see
     * docs/usage-push.md.
     */
    public java.util.Set<String> usageDuplicateCodes() {
        return java.util.Set.copyOf(list(Setting.STALLKEEPER_USAGE_DUPLICATE_CODES));
    }

    private java.math.BigDecimal decimal(Setting setting) {
        String v = text(setting);
        try {
            return new java.math.BigDecimal(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(setting.envName() + " must be a decimal number, got '" + v + "'");
        }
    }

    private List<String> list(Setting setting) {
        return Arrays.stream(text(setting).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** {@code key=value,key=value}; keys and values trimmed. */
    private Map<String, String> pairs(Setting setting) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String pair : list(setting)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalStateException(setting.envName() + ": expected key=value pairs separated by commas,"
                        + " got '" + pair + "'");
            }
            out.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return out;
    }

    /**
     * STALLKEEPER_AUDIT_SPOOL_BYTES: the most bytes the node's audit spool (callbacks answered while the database is
     * away, audited once it is back) may hold on disk; beyond it further audit rows are dropped and counted.
     */
    public long auditSpoolBytes() {
        return Math.max(1024, longValue(Setting.STALLKEEPER_AUDIT_SPOOL_BYTES));
    }

    /** STALLKEEPER_AUDIT_SPOOL_ENTRIES: the most callbacks the audit spool holds waiting for the database. */
    public int auditSpoolEntries() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, longValue(Setting.STALLKEEPER_AUDIT_SPOOL_ENTRIES)));
    }

    /**
     * STALLKEEPER_METRICS_TOKEN: bearer token(s), comma-separated for rotation, that {@code /api/metrics} requires
     * (metrics show business volume). Unset: the endpoint is off.
     */
    public List<String> metricsTokens() {
        return list(Setting.STALLKEEPER_METRICS_TOKEN);
    }
}
