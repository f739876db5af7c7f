package dev.stallkeeper.platform.config;

import static dev.stallkeeper.platform.config.Setting.Context.AUDIT;
import static dev.stallkeeper.platform.config.Setting.Context.BILLING;
import static dev.stallkeeper.platform.config.Setting.Context.CATALOG;
import static dev.stallkeeper.platform.config.Setting.Context.NOTIFICATION;
import static dev.stallkeeper.platform.config.Setting.Context.PLATFORM;
import static dev.stallkeeper.platform.config.Setting.Context.PROVISIONING;
import static dev.stallkeeper.platform.config.Setting.Context.SECURITY;
import static dev.stallkeeper.platform.config.Setting.Context.SUPERVISION;
import static dev.stallkeeper.platform.config.Setting.Context.TENANCY;
import static dev.stallkeeper.platform.config.Setting.Context.USAGE;
import static dev.stallkeeper.platform.config.Setting.Reader.APPLICATION;
import static dev.stallkeeper.platform.config.Setting.Reader.LAUNCHER;
import static dev.stallkeeper.platform.config.Setting.Reader.SERVER;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting Stallkeeper reads, declared once: its environment name (the constant's name), the default the code
 * applies when it is unset (none: {@code null}), whether it is a secret, the bounded context that owns it, a line
 * for the console's settings page and docs/configuration.md, and who reads it (the application through
 * {@link dev.stallkeeper.platform.StallkeeperConfig}, WildFly's configuration, or the launcher). Each setting may
 * also be given as the system property of its lower-case dotted name ({@code STALLKEEPER_SMTP_HOST}:
 * {@code stallkeeper.smtp.host}), which wins. A test fails when the code reads a name that is not listed here.
 */
public enum Setting {

    // --- platform: database, server, node, fleet ------------------------------------------------------------
    POSTGRESQL_URL(PLATFORM, null, false,
            "JDBC URL selecting PostgreSQL, e.g. jdbc:postgresql://db:5432/stallkeeper; unset: the embedded H2 database",
            SERVER, APPLICATION),
    POSTGRESQL_USER(PLATFORM, null, false, "PostgreSQL user (embedded H2: sa)", SERVER),
    POSTGRESQL_PASSWORD(PLATFORM, null, true, "PostgreSQL password; must not be empty (embedded H2: sa)", SERVER),
    STALLKEEPER_DB_URL(PLATFORM, null, false,
            "as the system property stallkeeper.db.url (tests): overrides POSTGRESQL_URL in the server's data sources",
            SERVER, APPLICATION),
    STALLKEEPER_DB_POOL_MAX(PLATFORM, "40", false, "connection pool size", SERVER),
    STALLKEEPER_HTTP_THREADS(PLATFORM, "128", false, "HTTP worker threads", SERVER),
    STALLKEEPER_NODE_ID(PLATFORM, null, false,
            "this node's name in a fleet: WildFly's node name, session route and every claimed_by; default: the host"
                    + " name",
            APPLICATION, SERVER),
    STALLKEEPER_DRAIN_SECONDS(PLATFORM, "5", false,
            "on SIGTERM, how long the node keeps serving with readiness at 503 before it suspends", LAUNCHER),
    STALLKEEPER_SHUTDOWN_GRACE_SECONDS(PLATFORM, "30", false,
            "then how long the suspend lets requests in flight finish", SERVER),
    STALLKEEPER_DRAIN_FILE(PLATFORM, null, false,
            "set by bin/stallkeeper (system property stallkeeper.drain.file): readiness answers 503 while it exists",
            APPLICATION, LAUNCHER),
    STALLKEEPER_BIND_ADDRESS(PLATFORM, "0.0.0.0", false, "address HTTP listens on (bin/stallkeeper)", LAUNCHER),
    STALLKEEPER_PORT_OFFSET(PLATFORM, "0", false, "added to 8080 (HTTP) and 9990 (management)", LAUNCHER),
    STALLKEEPER_BASE_DIR(PLATFORM, null, false,
            "the node's own configuration, data and logs (bin/stallkeeper; default: server/standalone)", LAUNCHER),
    STALLKEEPER_DATA_KEY(PLATFORM, null, true,
            "base64 AES key(s) sealing secrets at rest, comma-separated for rotation (the first seals); required on"
                    + " PostgreSQL",
            APPLICATION),
    STALLKEEPER_DEMO_DATA(PLATFORM, "false", false,
            "load the demo month into an empty embedded database (quick start; refused on PostgreSQL)",
            APPLICATION),
    STALLKEEPER_METRICS_TOKEN(PLATFORM, null, true,
            "bearer token(s) of GET /api/metrics, comma-separated for rotation; unset: metrics are off", APPLICATION),
    STALLKEEPER_PUBLIC_URL(PLATFORM, null, false,
            "scheme://host[:port] at which KooGallery reaches this server, for the go-live checklist and the"
                    + " publishing report's self-test; unset: derived from the admin's request",
            APPLICATION),

    // --- provisioning: the production address and KooGallery's open APIs --------------------------------------
    KOOGALLERY_KEY(PROVISIONING, null, true,
            "key of the basic interface, comma-separated for rotation: any verifies, the first signs; unset: every"
                    + " callback gets 000001",
            APPLICATION),
    KOOGALLERY_AK(PROVISIONING, null, false, "the Huawei Cloud account's access key id, for the open APIs",
            APPLICATION),
    KOOGALLERY_SK(PROVISIONING, null, true, "the Huawei Cloud account's secret access key", APPLICATION),
    KOOGALLERY_API_BASE(PROVISIONING, "https://mkt.myhuaweicloud.com", false,
            "scheme://host[:port] of the KooGallery open APIs (the default falls back to .cn)", APPLICATION),
    KOOGALLERY_API_TIMEOUT_MS(PROVISIONING, "5000", false, "timeout of one open-API call", APPLICATION),
    KOOGALLERY_SIGNATURE_WINDOW_SECONDS(PROVISIONING, "60", false, "accepted clock difference of callback timestamps",
            APPLICATION),
    STALLKEEPER_MAX_BODY_BYTES(PROVISIONING, "65536", false, "largest callback body", APPLICATION),
    STALLKEEPER_PROVISIONING_INLINE_MS(PROVISIONING, "3000", false,
            "how long a callback waits for provisioning before answering 000004", APPLICATION),
    STALLKEEPER_PROVISIONING_INLINE_MAX(PROVISIONING, "24", false,
            "attempts running or queued on this node beyond which a newInstance answers 000004 at once", APPLICATION),
    STALLKEEPER_PROVISIONING_LEASE_SECONDS(PROVISIONING, "120", false,
            "how long one attempt may run before another node may take over", APPLICATION),
    STALLKEEPER_PROVISIONING_MAX_ATTEMPTS(PROVISIONING, "12", false, "attempts before background work is parked",
            APPLICATION),
    STALLKEEPER_RETRY_BASE_SECONDS(PROVISIONING, "10", false, "first retry delay; it doubles on every failure",
            APPLICATION),
    STALLKEEPER_RETRY_MAX_SECONDS(PROVISIONING, "900", false, "largest retry delay", APPLICATION),
    STALLKEEPER_FRONTEND_URL_TEMPLATE(PROVISIONING, "https://saas.example.com/t/{tenant}/", false,
            "the built-in provisioner's buyer login URL; {tenant} and {instanceId} are replaced", APPLICATION),
    STALLKEEPER_ADMIN_URL_TEMPLATE(PROVISIONING, "https://saas.example.com/t/{tenant}/admin/", false,
            "the built-in provisioner's admin login URL", APPLICATION),

    // --- audit: callbacks in flight, the audit log and its spool ----------------------------------------------
    STALLKEEPER_CALLBACK_BYTES_IN_FLIGHT(AUDIT, "16777216", false,
            "body bytes all callbacks may hold at once; beyond it 000005 at once", APPLICATION),
    STALLKEEPER_CALLBACK_BUSY_AT(AUDIT, "16", false,
            "callbacks in flight beyond which a new order line is stored and answered 000004 at once", APPLICATION),
    STALLKEEPER_AUDIT_RETENTION_DAYS(AUDIT, "400", false, "how long callbacks stay in callback_log; 0 keeps them",
            APPLICATION),
    STALLKEEPER_HOUSEKEEPING_MINUTES(AUDIT, "15", false,
            "how often the housekeeping job runs (nonce purge, audit retention)", APPLICATION),
    STALLKEEPER_AUDIT_SPOOL_BYTES(AUDIT, "134217728", false,
            "most bytes of the audit spool for callbacks answered while the database is away", APPLICATION),
    STALLKEEPER_AUDIT_SPOOL_ENTRIES(AUDIT, "100000", false, "most callbacks the audit spool holds", APPLICATION),

    // --- billing: settlement (docs/settlement.md) -----------------------------------------------------------
    STALLKEEPER_SETTLEMENT_THRESHOLD(BILLING, "1000.00", false,
            "amount (CNY) per product type that must accumulate before it settles", APPLICATION),
    STALLKEEPER_SETTLEMENT_SCHEDULE(BILLING, "3 02:00", false,
            "when the monthly reconciliation runs: day-of-month HH:mm Beijing time, or off", APPLICATION),
    STALLKEEPER_SETTLEMENT_PARTITIONS(BILLING, "4", false, "bill-id ranges the reconciliation reads in parallel (1-16)",
            APPLICATION),
    STALLKEEPER_PLATFORM_FEE_PERCENT(BILLING, "5", false, "KooGallery's platform fee in percent of the gross amount",
            APPLICATION),
    STALLKEEPER_PLATFORM_FEE_PERCENT_BY_TYPE(BILLING, null, false,
            "fee exceptions per product type, e.g. LICENSE=10,API=3.5", APPLICATION),
    STALLKEEPER_PRODUCT_TYPES(CATALOG, null, false, "the product type of each productId, e.g. OFFI123=LICENSE",
            APPLICATION),
    STALLKEEPER_DEFAULT_PRODUCT_TYPE(CATALOG, "SAAS", false, "the type of products not in STALLKEEPER_PRODUCT_TYPES",
            APPLICATION),
    STALLKEEPER_SUPERVISED_PRODUCT_TYPES(CATALOG, "LICENSE,MANUAL_SERVICE,HARDWARE,APP_ORCHESTRATION", false,
            "product types whose new purchases go through service supervision", APPLICATION),
    STALLKEEPER_SUPERVISED_PRODUCTS(CATALOG, null, false,
            "productIds of other types that are supervised (SaaS provisioned after acceptance)", APPLICATION),

    // --- supervision ----------------------------------------------------------------------------------------
    STALLKEEPER_SUPERVISION_COMPLETION_MINUTES(SUPERVISION, "180", false,
            "from the buyer's acceptance to completion (KooGallery: 3 hours)", APPLICATION),

    // --- tenancy: joint-operation Kit and tenant SSO (docs/joint-operation.md) -------------------------------
    KOOGALLERY_KIT_KEY(TENANCY, null, true, "key of the joint-op sync interface, comma-separated for rotation",
            APPLICATION),
    KOOGALLERY_KIT_PRIVATE_KEY(TENANCY, null, true,
            "the seller's RSA private key (PKCS#8 PEM or a file path) that decrypts clientSecret", APPLICATION),
    KOOGALLERY_APP_ID(TENANCY, null, false, "the app whose OAuth client SSO uses when a tenant has several",
            APPLICATION),
    STALLKEEPER_SSO_REDIRECT_URI(TENANCY, null, false,
            "the SSO callback registered with KooGallery; unset: derived from the request", APPLICATION),
    STALLKEEPER_SSO_LANDING_URL(TENANCY, "/api/sso/me", false, "where a user goes after signing in", APPLICATION),
    STALLKEEPER_SSO_ALLOWED_HOSTS(TENANCY, null, false,
            "host names whose identity services may be called (and their subdomains); unset: any public host",
            APPLICATION),
    STALLKEEPER_SSO_ALLOW_HTTP(TENANCY, "false", false,
            "accept plain-HTTP or private identity services (local tests only)", APPLICATION),
    STALLKEEPER_KIT_MAX_BODY_BYTES(TENANCY, "4194304", false, "largest Kit call body", APPLICATION),

    // --- notification: e-mail (docs/supervision-and-invoices.md) -------------------------------------------
    STALLKEEPER_SMTP_HOST(NOTIFICATION, null, false, "mail server; unset: no e-mail is sent (it waits)", APPLICATION),
    STALLKEEPER_SMTP_PORT(NOTIFICATION, null, false, "mail server port; default: 587 with STARTTLS, 25 without",
            APPLICATION),
    STALLKEEPER_SMTP_TLS(NOTIFICATION, "true", false, "require STARTTLS; false only for a trusted local relay",
            APPLICATION),
    STALLKEEPER_SMTP_USER(NOTIFICATION, null, false, "SMTP user", APPLICATION),
    STALLKEEPER_SMTP_PASSWORD(NOTIFICATION, null, true, "SMTP password", APPLICATION),
    STALLKEEPER_SMTP_FROM(NOTIFICATION, "stallkeeper@localhost", false, "sender address of every e-mail",
            APPLICATION),
    STALLKEEPER_NOTIFY_TO(NOTIFICATION, null, false, "the seller's addresses (comma-separated) for notifications",
            APPLICATION),
    STALLKEEPER_NOTIFY_FAILURE_PERCENT(AUDIT, "20", false, "hourly callback failure rate (%) that warns",
            APPLICATION),
    STALLKEEPER_MAIL_MAX_ATTEMPTS(NOTIFICATION, "10", false, "SMTP attempts before an e-mail is parked", APPLICATION),

    // --- usage: pay-per-use push (docs/usage-push.md) --------------------------------------------------------
    STALLKEEPER_USAGE_TOKEN(USAGE, null, true,
            "bearer token(s) of POST /api/usage, comma-separated; unset: the API answers 503", APPLICATION),
    STALLKEEPER_USAGE_UNITS(USAGE, null, false, "metering units and their price in CNY, e.g. hour=0.50,GB=0.10",
            APPLICATION),
    STALLKEEPER_USAGE_BILLING(USAGE, "HOURLY", false, "HOURLY or DAILY: when records become due", APPLICATION),
    STALLKEEPER_USAGE_PUSH_DELAY_MINUTES(USAGE, "0", false, "minutes after the hour (day) before records are due (0-14)",
            APPLICATION),
    STALLKEEPER_USAGE_PUSH_SECONDS(USAGE, "300", false, "how often each node looks for due records", APPLICATION),
    STALLKEEPER_USAGE_WINDOW_MARGIN_MINUTES(USAGE, "60", false,
            "records are parked this long before KooGallery's 21 days run out", APPLICATION),
    STALLKEEPER_USAGE_LEASE_SECONDS(USAGE, "120", false,
            "how long one push holds its records before another node may resend them", APPLICATION),
    STALLKEEPER_USAGE_DUPLICATE_CODES(USAGE, "003", false,
            "KooGallery's per-record codes meaning the metering_sn was received already", APPLICATION),

    // --- security: the console ------------------------------------------------------------------------------
    STALLKEEPER_ADMIN_USER(SECURITY, null, false, "the first console admin, created only while no user exists",
            APPLICATION),
    STALLKEEPER_ADMIN_PASSWORD(SECURITY, null, true,
            "the first admin's password (at least 12 characters, not containing the user name)", APPLICATION),
    STALLKEEPER_SECURE_COOKIES(SECURITY, "true", false,
            "mark the console's session cookie Secure (false only for plain-HTTP local use)", APPLICATION);

    /** The bounded context that owns a setting; the settings page groups by it, in this order. */
    public enum Context {
        PLATFORM, PROVISIONING, CATALOG, AUDIT, BILLING, SUPERVISION, TENANCY, NOTIFICATION, USAGE, SECURITY;

        /** Lower-case, as in message keys ({@code settings.context.billing}) and docs/configuration.md. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Who reads a setting. */
    public enum Reader {
        /** The application, through StallkeeperConfig. */
        APPLICATION,
        /** WildFly's configuration: ear/src/main/wildfly/configure.cli and standalone.conf. */
        SERVER,
        /** The launchers: bin/stallkeeper of the release and ./stallkeeper. */
        LAUNCHER
    }

    private final Context context;
    private final String defaultValue;
    private final boolean secret;
    private final String description;
    private final Set<Reader> readers;

    Setting(Context context, String defaultValue, boolean secret, String description, Reader first, Reader... more) {
        this.context = context;
        this.defaultValue = defaultValue;
        this.secret = secret;
        this.description = description;
        this.readers = Collections.unmodifiableSet(EnumSet.of(first, more));
    }

    /** The environment variable's name. */
    public String envName() {
        return name();
    }

    /** The system property that may give it instead (and wins): lower case, dots for underscores. */
    public String propertyName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    public Context context() {
        return context;
    }

    /** What the code applies when the setting is unset; empty: none (the setting is optional or computed). */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    public boolean secret() {
        return secret;
    }

    public String description() {
        return description;
    }

    public Set<Reader> readers() {
        return readers;
    }
}
